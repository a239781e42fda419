//! Builds a YAML value while counting its nodes, so that aliases cannot expand a small
//! front matter into millions of values (the "billion laughs" and quadratic attacks).
//! A key given twice is read as Hugo reads it: the later value wins, and the key is
//! noted so that `check` can warn about it.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Number, Value};

/// Most values one front matter may expand to; real pages have about a hundred.
pub const MAX_NODES: usize = 20_000;

/// A value read from YAML, and the keys that were given more than once (in the
/// order their repeats were met).
#[derive(Debug)]
pub struct Parsed {
    pub value: Value,
    pub duplicates: Vec<String>,
}

/// Parses YAML text into a value of at most `MAX_NODES` nodes.
pub fn parse_bounded(yaml: &str) -> Result<Parsed, serde_yaml::Error> {
    let budget = Cell::new(MAX_NODES);
    let duplicates = RefCell::new(Vec::new());
    let deserializer = serde_yaml::Deserializer::from_str(yaml);
    let value = Bounded {
        budget: &budget,
        duplicates: &duplicates,
    }
    .deserialize(deserializer)?;
    Ok(Parsed {
        value,
        duplicates: duplicates.into_inner(),
    })
}

#[derive(Clone, Copy)]
struct Bounded<'b> {
    budget: &'b Cell<usize>,
    duplicates: &'b RefCell<Vec<String>>,
}

impl Bounded<'_> {
    fn spend<E: de::Error>(&self) -> Result<(), E> {
        match self.budget.get().checked_sub(1) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(format!(
                "front matter expands to more than {MAX_NODES} values (YAML aliases?)"
            ))),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Bounded<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Number(Number::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Number(Number::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Number(Number::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.spend()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.spend()?;
        let mut mapping = Mapping::new();
        while let Some(key) = map.next_key_seed(self)? {
            if mapping.contains_key(&key) {
                let shown = match &key {
                    Value::String(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                self.duplicates.borrow_mut().push(shown);
            }
            let value = map.next_value_seed(self)?;
            // A repeated key keeps its first place and takes the later value.
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _data: A) -> Result<Value, A::Error> {
        Err(de::Error::custom(
            "YAML tags (!name) are not supported in front matter",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ordinary_yaml() {
        let value = parse_bounded("a: 1\nb: [x, y]\nc: {d: .5}\ne:\n")
            .unwrap()
            .value;
        assert_eq!(value["a"].as_u64(), Some(1));
        assert_eq!(value["b"][1].as_str(), Some("y"));
        assert_eq!(value["c"]["d"].as_f64(), Some(0.5));
        assert!(value["e"].is_null());
    }

    #[test]
    fn refuses_quadratic_alias_expansion() {
        let items: String = (0..2000).map(|i| format!("  - item{i}\n")).collect();
        let refs: String = (0..2000).map(|_| "  - *big\n").collect();
        let yaml = format!("big: &big\n{items}refs:\n{refs}");
        let err = parse_bounded(&yaml).unwrap_err().to_string();
        assert!(err.contains("expands to more than"), "{err}");
    }

    #[test]
    fn a_repeated_key_takes_the_later_value_and_is_noted() {
        let parsed = parse_bounded("a: 1\nb: 2\na: 3\nc:\n  d: 4\n  d: 5\n").unwrap();
        assert_eq!(parsed.value["a"].as_u64(), Some(3));
        assert_eq!(parsed.value["c"]["d"].as_u64(), Some(5));
        assert_eq!(parsed.duplicates, vec!["a".to_string(), "d".to_string()]);
    }
}
