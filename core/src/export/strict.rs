//! Reading `evidence.json` strictly: an object that names a member twice is
//! refused, wherever it is (serde_json keeps the last one silently, and a
//! verifier that saw one value while another tool saw the other would be
//! checking a different document than the one shown).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A JSON value whose objects, at every depth, name each member once.
pub(crate) struct StrictValue(pub(crate) Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictValue(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let StrictValue(v) = map.next_value()?;
            if out.insert(key, v).is_some() {
                return Err(de::Error::custom("a member named twice"));
            }
        }
        Ok(Value::Object(out))
    }
}

/// `deserialize_with` for an optional such value.
pub(crate) fn option_value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Option::<StrictValue>::deserialize(d).map(|v| v.map(|v| v.0))
}

/// `deserialize_with` for an object read into a map, refusing a key given
/// twice.
pub(crate) fn unique_map<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct UniqueMap<V>(std::marker::PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                let v = map.next_value()?;
                if out.insert(key, v).is_some() {
                    return Err(de::Error::custom("a key named twice"));
                }
            }
            Ok(out)
        }
    }

    d.deserialize_map(UniqueMap(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict(text: &str) -> Option<Value> {
        serde_json::from_str::<StrictValue>(text).ok().map(|v| v.0)
    }

    #[test]
    fn members_named_twice_are_refused_at_any_depth() {
        assert_eq!(
            strict(r#"{"a":1,"b":[true,null,"x",-2,1.5]}"#),
            serde_json::from_str(r#"{"a":1,"b":[true,null,"x",-2,1.5]}"#).ok()
        );
        assert!(strict(r#"{"a":1,"a":1}"#).is_none());
        assert!(strict(r#"{"x":[{"k":{"a":1,"a":2}}]}"#).is_none());
        assert!(
            strict(r#"{"a\u0062":1,"ab":2}"#).is_none(),
            "the same key escaped"
        );
        let map: Result<BTreeMap<String, u8>, _> =
            unique_map(&mut serde_json::Deserializer::from_str(r#"{"p":1,"p":2}"#));
        assert!(map.is_err());
    }
}
