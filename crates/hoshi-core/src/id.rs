//! Identifiers as types. Every object hoshi stores is named by random lowercase hex (128 bits for
//! records, 256 bits for attestations). An id type can only hold such a string, so a value that
//! reached a handler as an `AssessmentId` has been checked, and an organisation's id cannot be
//! passed where an assessment's is expected. They are `Copy`: no clones to move them into a
//! closure.

use std::fmt;

macro_rules! hex_id {
    ($(#[$doc:meta])* $name:ident, $len:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; $len]);

        impl $name {
            /// The id in `s`, if it is one: exactly the right number of lowercase hex digits.
            pub fn parse(s: &str) -> Option<$name> {
                let b = s.as_bytes();
                if b.len() != $len || !b.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) {
                    return None;
                }
                let mut out = [0u8; $len];
                out.copy_from_slice(b);
                Some($name(out))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                // Only ASCII hex digits are ever stored.
                std::str::from_utf8(&self.0).unwrap_or_default()
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(concat!("not a valid ", stringify!($name)))
                })
            }
        }
    };
}

hex_id!(
    /// An organisation (supplier, buyer or evaluation body).
    OrgId,
    32
);
hex_id!(
    /// A self-assessment.
    AssessmentId,
    32
);
hex_id!(
    /// A buyer's relationship with one supplier.
    RelationshipId,
    32
);
hex_id!(
    /// A piece of evidence (a file or a link).
    EvidenceId,
    32
);
hex_id!(
    /// A user account.
    UserId,
    32
);
hex_id!(
    /// A personal access token (its id, not its secret).
    TokenId,
    32
);
hex_id!(
    /// A signed attestation (256 bits: printed on reports and verified by anyone).
    AttestationId,
    64
);
hex_id!(
    /// An address, range or host name an organisation declared for the exposure check.
    ScanTargetId,
    32
);
hex_id!(
    /// One run of the exposure check.
    ScanId,
    32
);
hex_id!(
    /// An entry of the asset register.
    AssetId,
    32
);
hex_id!(
    /// One check of uploaded account exports.
    AccountCheckId,
    32
);
hex_id!(
    /// A backup repository registered for verification.
    BackupTargetId,
    32
);
hex_id!(
    /// One verification of a backup repository.
    BackupRunId,
    32
);
hex_id!(
    /// A patch report (the register checked against vulnerability data).
    VulnReportId,
    32
);
hex_id!(
    /// One of an organisation's documents (policy, rules, procedures), all its versions.
    DocumentId,
    32
);
hex_id!(
    /// One entry of an organisation's register (confidential information, services, connections,
    /// partners).
    RegisterEntryId,
    32
);
hex_id!(
    /// An incident or tabletop drill with its timeline.
    IncidentId,
    32
);
hex_id!(
    /// A recurring check of the yearly cycle.
    TaskId,
    32
);
hex_id!(
    /// A training session.
    SessionId,
    32
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lowercase_hex_of_the_right_length() {
        let ok = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            AssessmentId::parse(ok).map(|i| i.to_string()),
            Some(ok.into())
        );
        assert!(AssessmentId::parse(&ok.to_uppercase()).is_none());
        assert!(AssessmentId::parse(&ok[1..]).is_none());
        assert!(AssessmentId::parse("../../etc/passwd").is_none());
        assert!(AttestationId::parse(ok).is_none());
        assert!(AttestationId::parse(&ok.repeat(2)).is_some());
    }

    #[test]
    fn deserialises_only_valid_ids() {
        use serde::Deserialize;
        use serde::de::IntoDeserializer;
        use serde::de::value::{Error, StrDeserializer};
        let d: StrDeserializer<Error> = "0123456789abcdef0123456789abcdef".into_deserializer();
        assert!(OrgId::deserialize(d).is_ok());
        let d: StrDeserializer<Error> = "x".into_deserializer();
        assert!(OrgId::deserialize(d).is_err());
    }
}
