//! CycloneDX XML (`<bom xmlns="http://cyclonedx.org/schema/bom/1.x">`, 1.0 to 1.6), read as a
//! stream of events: only `bom/components/component` and the components nested in a
//! component's own `components` count — the same ones the JSON reader takes, so the BOM's
//! subject (`metadata/component`), the tools that made it (`metadata/tools/components`, 1.5
//! on) and a component's ancestors (`pedigree`) are not checked. `group` is not read: a
//! package URL carries it where it matters for matching (Maven, npm scopes), and the JSON
//! reader does the same.
//!
//! Hostile input: nesting is counted here and refused past [`MAX_XML_DEPTH`]; a document type
//! declaration is refused outright (so no entity is ever defined), and a reference to any
//! entity other than XML's five and character references is refused; the XML reader itself
//! never fetches or expands anything.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::{Component, MAX_BYTES, MAX_COMPONENTS, MAX_XML_DEPTH, SbomError};
use crate::purl::Purl;

const NAMESPACE_PREFIX: &str = "http://cyclonedx.org/schema/bom/";

/// Where the reader is, for the elements that matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    Bom,
    /// A `components` list whose `component` children are read.
    Components,
    /// A component read, by its index in the output.
    Component(usize),
    Field(usize, Field),
    /// Anything else (its children are not read).
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Version,
    Purl,
    Cpe,
}

/// The line (from 1) of a byte offset.
fn line_at(text: &str, offset: u64) -> usize {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// XML's five predefined entities and character references; `None` for any other name.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x') {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

struct State {
    out: Vec<Component>,
    stack: Vec<Frame>,
    /// The field being read and its text so far.
    text: String,
    namespace: Option<String>,
    done: bool,
}

impl State {
    /// What a child element named `local` (in the CycloneDX namespace or not) opens.
    fn child(&mut self, local: &str, ours: bool) -> Result<Frame, SbomError> {
        let parent = self.stack.last().copied();
        Ok(match (parent, local) {
            (Some(Frame::Bom), "components") if ours => Frame::Components,
            (Some(Frame::Component(_)), "components") if ours => Frame::Components,
            (Some(Frame::Components), "component") if ours => {
                if self.out.len() >= MAX_COMPONENTS {
                    return Err(SbomError::TooMany {
                        components: self.out.len() + 1,
                    });
                }
                self.out.push(Component {
                    name: String::new(),
                    version: None,
                    purl: None,
                    cpe: None,
                });
                Frame::Component(self.out.len() - 1)
            }
            (Some(Frame::Component(i)), field) if ours => {
                let f = match field {
                    "name" => Field::Name,
                    "version" => Field::Version,
                    "purl" => Field::Purl,
                    "cpe" => Field::Cpe,
                    _ => return Ok(Frame::Other),
                };
                self.text.clear();
                Frame::Field(i, f)
            }
            _ => Frame::Other,
        })
    }

    /// An element starts (`empty`: and ends) on `line()` (counted only for a refusal): the root,
    /// or a child of the open one.
    /// `ns` is the element's namespace while the root is not known yet.
    fn open(
        &mut self,
        local: &str,
        ours: bool,
        ns: Option<&str>,
        empty: bool,
        line: impl Fn() -> usize,
    ) -> Result<(), SbomError> {
        if self.done {
            return Err(SbomError::Xml {
                line: line(),
                detail: format!("<{local}> after the root element ended"),
            });
        }
        let frame = if self.stack.is_empty() && self.namespace.is_none() {
            match ns {
                Some(n) if local == "bom" && n.starts_with(NAMESPACE_PREFIX) => {
                    self.namespace = Some(n.to_string());
                    Frame::Bom
                }
                other => {
                    return Err(SbomError::NotCycloneDxXml {
                        root: match other {
                            Some(n) => format!("{{{n}}}{local}"),
                            None => local.to_string(),
                        },
                    });
                }
            }
        } else {
            self.child(local, ours)?
        };
        if empty {
            self.close(frame);
            if frame == Frame::Bom {
                self.done = true;
            }
        } else {
            if self.stack.len() >= MAX_XML_DEPTH {
                return Err(SbomError::XmlTooDeep { line: line() });
            }
            self.stack.push(frame);
        }
        Ok(())
    }

    fn close(&mut self, frame: Frame) {
        let Frame::Field(i, f) = frame else {
            return;
        };
        let v = self.text.trim();
        let c = &mut self.out[i];
        match f {
            Field::Name => c.name = v.to_string(),
            Field::Version => c.version = (!v.is_empty()).then(|| v.to_string()),
            Field::Purl => c.purl = Purl::parse(v),
            Field::Cpe => c.cpe = (!v.is_empty()).then(|| v.to_string()),
        }
        self.text.clear();
    }

    fn in_field(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Field(..)))
    }
}

/// Reads a CycloneDX XML SBOM into its components, in document order (nested ones after their
/// parent), as [`super::cyclonedx_json`] does for JSON.
pub fn cyclonedx_xml(bytes: &[u8]) -> Result<Vec<Component>, SbomError> {
    if bytes.len() > MAX_BYTES {
        return Err(SbomError::TooLarge { bytes: bytes.len() });
    }
    let text = crate::input::decode(bytes).ok_or(SbomError::NotText)?;
    let text: &str = &text;
    let mut r = NsReader::from_str(text);
    let mut st = State {
        out: Vec::new(),
        stack: Vec::new(),
        text: String::new(),
        namespace: None,
        done: false,
    };
    loop {
        // Where the next event starts, for the line a problem is reported on.
        let before = r.buffer_position();
        let line = || line_at(text, before);
        // Whether the element is in the BOM's namespace; before the root, the namespace itself.
        let (ours, ns, ev) = match r.read_resolved_event() {
            Ok((ResolveResult::Bound(n), ev)) => match &st.namespace {
                Some(bom) => (bom == n.0, None, ev),
                None => (false, Some(n.0.to_string()), ev),
            },
            Ok((_, ev)) => (false, None, ev),
            Err(e) => {
                return Err(SbomError::Xml {
                    line: line_at(text, r.error_position()),
                    detail: e.to_string(),
                });
            }
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let local = e.local_name();
                let empty = matches!(ev, Event::Empty(_));
                st.open(local.as_ref(), ours, ns.as_deref(), empty, line)?;
            }
            Event::End(_) => {
                if let Some(f) = st.stack.pop() {
                    st.close(f);
                }
                if st.stack.is_empty() {
                    st.done = true;
                }
            }
            Event::Text(t) if st.in_field() => st.text.push_str(&t.xml10_content()),
            Event::CData(t) if st.in_field() => st.text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => {
                let name: &str = &g;
                let Some(c) = entity(name) else {
                    return Err(SbomError::XmlEntity {
                        line: line(),
                        name: name.chars().take(100).collect(),
                    });
                };
                if st.in_field() {
                    st.text.push(c);
                }
            }
            Event::DocType(_) => return Err(SbomError::XmlDoctype { line: line() }),
            Event::Eof => break,
            _ => {}
        }
    }
    if !st.stack.is_empty() {
        return Err(SbomError::Xml {
            line: line_at(text, text.len() as u64),
            detail: "the file ends before the root element is closed".into(),
        });
    }
    if st.namespace.is_none() {
        return Err(SbomError::NotCycloneDxXml {
            root: String::new(),
        });
    }
    Ok(st.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = "http://cyclonedx.org/schema/bom/1.6";

    fn names(c: &[Component]) -> Vec<&str> {
        c.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn only_the_boms_components_are_read() {
        let x = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="{NS}" xmlns:ext="urn:example:ext" version="1">
  <metadata>
    <tools><components><component type="application"><name>tool</name></component></components></tools>
    <component type="application"><name>subject</name></component>
  </metadata>
  <components>
    <component type="library">
      <group>com.example</group>
      <name> app &amp; <![CDATA[more]]>&#x21;</name>
      <version>1.0</version>
      <cpe>cpe:2.3:a:example:app:1.0:*:*:*:*:*:*:*</cpe>
      <pedigree><ancestors><component><name>ancestor</name></component></ancestors></pedigree>
      <ext:component><ext:name>not ours</ext:name></ext:component>
      <components>
        <component type="library"><name>lodash</name><version>4.17.15</version>
          <purl>pkg:npm/lodash@4.17.15</purl></component>
      </components>
    </component>
    <component type="library"><name>empty-version</name><version/></component>
    <component type="library"/>
  </components>
</bom>"#
        );
        let c = cyclonedx_xml(x.as_bytes()).unwrap();
        assert_eq!(names(&c), ["app & more!", "lodash", "empty-version", ""]);
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:a:example:app:1.0:*:*:*:*:*:*:*")
        );
        assert_eq!(
            c[1].purl.as_ref().and_then(Purl::osv_package),
            Some(("npm", "lodash".into()))
        );
        assert_eq!(c[2].version, None);
    }

    #[test]
    fn refusals_name_the_line() {
        let doctype = format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n<bom xmlns=\"{NS}\"><components><component><name>&x;</name></component></components></bom>"
        );
        assert_eq!(
            cyclonedx_xml(doctype.as_bytes()),
            Err(SbomError::XmlDoctype { line: 2 })
        );
        let undefined = format!(
            "<bom xmlns=\"{NS}\">\n<components><component><name>&x;</name></component></components></bom>"
        );
        assert_eq!(
            cyclonedx_xml(undefined.as_bytes()),
            Err(SbomError::XmlEntity {
                line: 2,
                name: "x".into()
            })
        );
        let deep = format!(
            "<bom xmlns=\"{NS}\">{}{}</bom>",
            "<a>".repeat(100),
            "</a>".repeat(100)
        );
        assert_eq!(
            cyclonedx_xml(deep.as_bytes()),
            Err(SbomError::XmlTooDeep { line: 1 })
        );
        assert_eq!(
            cyclonedx_xml(b"<bom xmlns=\"http://example.com/\"/>"),
            Err(SbomError::NotCycloneDxXml {
                root: "{http://example.com/}bom".into()
            })
        );
        assert_eq!(
            cyclonedx_xml(b"<svg/>"),
            Err(SbomError::NotCycloneDxXml { root: "svg".into() })
        );
        let bad = format!("<bom xmlns=\"{NS}\">\n<components>\n</component>\n</bom>");
        assert!(
            matches!(
                cyclonedx_xml(bad.as_bytes()),
                Err(SbomError::Xml { line: 3, .. })
            ),
            "{:?}",
            cyclonedx_xml(bad.as_bytes())
        );
        let unclosed = format!("<bom xmlns=\"{NS}\">\n<components>\n");
        assert!(matches!(
            cyclonedx_xml(unclosed.as_bytes()),
            Err(SbomError::Xml { .. })
        ));
        let two = format!("<bom xmlns=\"{NS}\"/>\n<bom xmlns=\"{NS}\"/>");
        assert!(matches!(
            cyclonedx_xml(two.as_bytes()),
            Err(SbomError::Xml { line: 2, .. })
        ));
        assert_eq!(
            cyclonedx_xml(b""),
            Err(SbomError::NotCycloneDxXml {
                root: String::new()
            })
        );
        assert_eq!(cyclonedx_xml(b"\xff\xfe\x00"), Err(SbomError::NotText));
    }
}
