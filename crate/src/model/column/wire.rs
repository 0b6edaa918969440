//! The compact columns in the byte form of [`crate::model::wire`]: each in its stored width.

use super::super::wire::{Reader, WireError, WireResult, Writer};
use super::{Codes, CodesRepr, Decimals, DecimalsRepr, Times, TimesRepr};

impl Codes {
    pub(crate) fn write_wire(&self, w: &mut Writer) {
        match &self.0 {
            CodesRepr::U8(v) => {
                w.u8(1);
                w.u8s(v);
            }
            CodesRepr::U16(v) => {
                w.u8(2);
                w.u16s(v);
            }
            CodesRepr::U32(v) => {
                w.u8(4);
                w.u32s(v);
            }
        }
    }

    pub(crate) fn read_wire(r: &mut Reader<'_>) -> WireResult<Codes> {
        Ok(Codes(match r.u8()? {
            1 => CodesRepr::U8(r.u8s()?),
            2 => CodesRepr::U16(r.u16s()?),
            4 => CodesRepr::U32(r.u32s()?),
            _ => return Err(WireError),
        }))
    }
}

impl Times {
    pub(crate) fn write_wire(&self, w: &mut Writer) {
        match &self.0 {
            TimesRepr::Near { base, offsets } => {
                w.u8(4);
                w.i64(*base);
                w.u32s(offsets);
            }
            TimesRepr::Far(v) => {
                w.u8(8);
                w.i64s(v);
            }
        }
    }

    pub(crate) fn read_wire(r: &mut Reader<'_>) -> WireResult<Times> {
        Ok(Times(match r.u8()? {
            4 => TimesRepr::Near { base: r.i64()?, offsets: r.u32s()? },
            8 => TimesRepr::Far(r.i64s()?),
            _ => return Err(WireError),
        }))
    }
}

impl Decimals {
    pub(crate) fn write_wire(&self, w: &mut Writer) {
        match &self.0 {
            DecimalsRepr::Hundredths(v) => {
                w.u8(4);
                w.i32s(v);
            }
            DecimalsRepr::Full(v) => {
                w.u8(8);
                w.f64s(v);
            }
        }
    }

    pub(crate) fn read_wire(r: &mut Reader<'_>) -> WireResult<Decimals> {
        Ok(Decimals(match r.u8()? {
            4 => DecimalsRepr::Hundredths(r.i32s()?),
            8 => DecimalsRepr::Full(r.f64s()?),
            _ => return Err(WireError),
        }))
    }
}
