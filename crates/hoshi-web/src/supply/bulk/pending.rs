//! Files kept between the preview and the buyer's confirmation, in this process's memory
//! ([`crate::AppState::supplier_uploads`]): the confirmation names a random token, never the rows,
//! so nothing the browser sends back is trusted; the rows are checked again when they are
//! registered. Bounded in time (30 minutes), per person (one file per buyer and user) and in
//! memory (the oldest go first); a restart forgets them and the buyer sends the file again.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::check::Columns;
use super::read::Table;

/// How long a preview can be confirmed.
pub const VALID_FOR: Duration = Duration::from_secs(30 * 60);
/// Most bytes of rows kept for all buyers together.
const MAX_BYTES: usize = 64 * 1024 * 1024;

/// A checked file waiting for its confirmation.
pub struct Upload {
    pub org: String,
    pub user: String,
    pub file_name: String,
    pub table: Table,
    pub columns: Columns,
}

struct Entry {
    upload: Upload,
    at: Instant,
    size: usize,
}

#[derive(Default)]
pub struct Pending {
    entries: HashMap<String, Entry>,
}

impl Pending {
    /// Keeps `upload` (replacing the same person's earlier one) and returns its token.
    pub fn put(&mut self, upload: Upload, now: Instant) -> String {
        let size =
            upload.table.header.size() + upload.table.rows.iter().map(|r| r.size()).sum::<usize>();
        self.entries.retain(|_, e| {
            now.saturating_duration_since(e.at) < VALID_FOR
                && !(e.upload.org == upload.org && e.upload.user == upload.user)
        });
        while self.entries.values().map(|e| e.size).sum::<usize>() + size > MAX_BYTES {
            let Some(oldest) = self
                .entries
                .iter()
                .min_by_key(|(_, e)| e.at)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            self.entries.remove(&oldest);
        }
        let token = hoshi_store::new_token();
        self.entries.insert(
            token.clone(),
            Entry {
                upload,
                at: now,
                size,
            },
        );
        token
    }

    /// The upload of `token` if it is this person's and still valid; it is removed (a
    /// confirmation is used once).
    pub fn take(&mut self, token: &str, org: &str, user: &str, now: Instant) -> Option<Upload> {
        let e = self.entries.get(token)?;
        if e.upload.org != org || e.upload.user != user {
            return None;
        }
        let e = self.entries.remove(token)?;
        (now.saturating_duration_since(e.at) < VALID_FOR).then_some(e.upload)
    }
}

#[cfg(test)]
mod tests {
    use super::super::check::columns;
    use super::super::read::read;
    use super::*;

    fn upload(org: &str, user: &str) -> Upload {
        let table = read(
            b"supplier_name,corporate_number,confidential-info,unacceptable-delay,system-access\nx,1,no,no,no\n"
                .to_vec(),
            &[],
        )
        .unwrap();
        Upload {
            org: org.into(),
            user: user.into(),
            file_name: "a.csv".into(),
            columns: columns(&table).unwrap(),
            table,
        }
    }

    #[test]
    fn once_by_its_owner_within_the_time() {
        let mut p = Pending::default();
        let t0 = Instant::now();
        let a = p.put(upload("o", "u"), t0);
        assert!(p.take(&a, "o", "someone-else", t0).is_none());
        assert!(p.take(&a, "other-org", "u", t0).is_none());
        assert!(p.take(&a, "o", "u", t0).is_some());
        assert!(p.take(&a, "o", "u", t0).is_none(), "used once");
        // A newer file of the same person replaces the older one.
        let b = p.put(upload("o", "u"), t0);
        let c = p.put(upload("o", "u"), t0);
        assert!(p.take(&b, "o", "u", t0).is_none());
        assert!(p.take(&c, "o", "u", t0 + VALID_FOR).is_none(), "expired");
        let d = p.put(upload("o", "u"), t0);
        assert!(p.take(&d, "o", "u", t0 + VALID_FOR / 2).is_some());
    }
}
