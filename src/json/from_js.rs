//! Reading a parsed JavaScript value (`JSON.parse`'s) as one of our types.
//!
//! serde-wasm-bindgen does this too, but its errors are serde's messages, and
//! serde's "invalid type" message prints floats: that alone compiled Rust's
//! float printer, about 15 KB of wasm, into the first load. The SPA never
//! shows why an answer did not read (a malformed answer is a network-level
//! failure), so [`Mismatch`] carries no message and nothing here formats.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{self, DeserializeSeed, Expected, IntoDeserializer, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// A value that does not read as the type asked for.
#[derive(Debug, PartialEq, Eq)]
pub struct Mismatch;

impl fmt::Display for Mismatch {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the value does not match the type")
    }
}

impl std::error::Error for Mismatch {}

// Every constructor is overridden: serde's defaults format their arguments,
// and a formatted `Unexpected` is what pulls in the float printer.
impl de::Error for Mismatch {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Mismatch
    }
    fn invalid_type(_: Unexpected<'_>, _: &dyn Expected) -> Self {
        Mismatch
    }
    fn invalid_value(_: Unexpected<'_>, _: &dyn Expected) -> Self {
        Mismatch
    }
    fn invalid_length(_: usize, _: &dyn Expected) -> Self {
        Mismatch
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> Self {
        Mismatch
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        Mismatch
    }
    fn missing_field(_: &'static str) -> Self {
        Mismatch
    }
    fn duplicate_field(_: &'static str) -> Self {
        Mismatch
    }
}

/// The largest integer a JavaScript number holds exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JavaScript value as a serde deserializer: what JSON can hold (`null`,
/// booleans, numbers, strings, arrays, plain objects), and `undefined` as
/// nothing (an empty body, an absent field).
pub struct FromJs(pub JsValue);

impl<'de> de::Deserializer<'de> for FromJs {
    type Error = Mismatch;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        let value = self.0;
        if value.is_null() || value.is_undefined() {
            visitor.visit_unit()
        } else if let Some(flag) = value.as_bool() {
            visitor.visit_bool(flag)
        } else if let Some(number) = value.as_f64() {
            // Whole numbers as integers, so integer fields read them.
            if number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER {
                if number >= 0.0 {
                    visitor.visit_u64(number as u64)
                } else {
                    visitor.visit_i64(number as i64)
                }
            } else {
                visitor.visit_f64(number)
            }
        } else if let Some(text) = value.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&value) {
            visitor.visit_seq(Items {
                items: value.unchecked_into(),
                next: 0,
            })
        } else if value.is_object() {
            let entries = Object::entries(value.unchecked_ref());
            visitor.visit_map(Entries {
                entries,
                next: 0,
                value: None,
            })
        } else {
            Err(Mismatch)
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        visitor.visit_newtype_struct(self)
    }

    /// Enums as serde writes them by default: a unit variant as its name, any
    /// other as an object with one property, the variant's name.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(IntoDeserializer::<Mismatch>::into_deserializer(name));
        }
        if !self.0.is_object() || Array::is_array(&self.0) {
            return Err(Mismatch);
        }
        let entries = Object::entries(self.0.unchecked_ref());
        if entries.length() != 1 {
            return Err(Mismatch);
        }
        let entry: Array = entries.get(0).unchecked_into();
        visitor.visit_enum(Variant {
            name: entry.get(0),
            value: entry.get(1),
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mismatch> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Mismatch;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Mismatch> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(FromJs(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.length().saturating_sub(self.next) as usize)
    }
}

/// An object's own properties, as `Object.entries` lists them.
struct Entries {
    entries: Array,
    next: u32,
    /// The value of the key just read.
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Mismatch;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mismatch> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = Some(entry.get(1));
        seed.deserialize(FromJs(entry.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mismatch> {
        let value = self.value.take().ok_or(Mismatch)?;
        seed.deserialize(FromJs(value))
    }
}

/// A variant with data: its name, and what it holds.
struct Variant {
    name: JsValue,
    value: JsValue,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = Mismatch;
    type Variant = FromJs;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, FromJs), Mismatch> {
        let name = seed.deserialize(FromJs(self.name))?;
        Ok((name, FromJs(self.value)))
    }
}

impl<'de> de::VariantAccess<'de> for FromJs {
    type Error = Mismatch;

    fn unit_variant(self) -> Result<(), Mismatch> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Mismatch> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Mismatch> {
        de::Deserializer::deserialize_any(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mismatch> {
        de::Deserializer::deserialize_any(self, visitor)
    }
}
