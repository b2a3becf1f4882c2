//! TEMPORARY stand-in until the real module lands.
use crate::finding::{Finding, Label};
use crate::source::{FileId, Span};
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Bool(bool),
    Number(f64),
    String(String),
    Null,
    List(Vec<Node>),
    Map(Vec<Entry>),
}
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}
pub fn parse(file: FileId, text: &str) -> Result<Vec<Entry>, Box<Finding>> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| {
        Box::new(Finding::new(
            &crate::rules::input::INVALID_POLICY_FILE,
            Label::new(Span::new(file, 0, 0), "x"),
            e.to_string(),
        ))
    })?;
    fn node(file: FileId, v: serde_yaml::Value) -> Node {
        let kind = match v {
            serde_yaml::Value::Bool(b) => NodeKind::Bool(b),
            serde_yaml::Value::Number(n) => NodeKind::Number(n.as_f64().unwrap_or(0.0)),
            serde_yaml::Value::String(s) => NodeKind::String(s),
            serde_yaml::Value::Sequence(s) => {
                NodeKind::List(s.into_iter().map(|v| node(file, v)).collect())
            }
            serde_yaml::Value::Mapping(m) => NodeKind::Map(
                m.into_iter()
                    .map(|(k, v)| Entry {
                        key: k.as_str().unwrap_or("?").into(),
                        key_span: Span::new(file, 0, 0),
                        value: node(file, v),
                    })
                    .collect(),
            ),
            _ => NodeKind::Null,
        };
        Node {
            span: Span::new(file, 0, 0),
            kind,
        }
    }
    match node(file, v).kind {
        NodeKind::Map(e) => Ok(e),
        _ => Err(Box::new(Finding::new(
            &crate::rules::input::INVALID_POLICY_FILE,
            Label::new(Span::new(file, 0, 0), "x"),
            "not a map",
        ))),
    }
}
