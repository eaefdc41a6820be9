//! The values a replication gives the order-sensitive moments, written
//! compactly: most are whole numbers (cards printed, blanks received, lost
//! capacity of 0), a national replication gives nine per office and region,
//! and eight bytes each would make a shard of 514 offices ten times larger.
//!
//! Each value is one LEB128 varint `v`, sometimes followed by eight bytes:
//! `v = 0` is no value (`None`), `v = 1` is followed by the f64's bits
//! (little-endian), and `v ≥ 2` is the whole number whose zigzag code is
//! `v − 2`. A value is written as a whole number only when that number gives
//! back the very same bits (so −0.0 keeps its eight bytes).

/// Largest magnitude written as a whole number: every integer up to it is
/// an f64 exactly.
const MAX_WHOLE: u64 = 1 << 53;

/// Appends `values` to `out`.
pub fn encode(values: &[Option<f64>], out: &mut Vec<u8>) {
    for value in values {
        match *value {
            None => varint(0, out),
            Some(x) => match whole(x) {
                Some(n) => varint(zigzag(n) + 2, out),
                None => {
                    varint(1, out);
                    out.extend_from_slice(&x.to_bits().to_le_bytes());
                }
            },
        }
    }
}

/// Reads values written by [`encode`], one at a time.
#[derive(Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
}

/// The tape ended inside a value, or held a varint longer than any written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged;

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }

    /// Whether every value was read.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Reads `n` values into `into` (cleared first).
    pub fn read(&mut self, n: usize, into: &mut Vec<Option<f64>>) -> Result<(), Damaged> {
        into.clear();
        for _ in 0..n {
            let value = match self.varint()? {
                0 => None,
                1 => {
                    let (bits, rest) = self.bytes.split_first_chunk::<8>().ok_or(Damaged)?;
                    self.bytes = rest;
                    Some(f64::from_bits(u64::from_le_bytes(*bits)))
                }
                v => Some(unzigzag(v - 2) as f64),
            };
            into.push(value);
        }
        Ok(())
    }

    fn varint(&mut self) -> Result<u64, Damaged> {
        let mut v = 0u64;
        for (i, &b) in self.bytes.iter().enumerate().take(10) {
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                self.bytes = &self.bytes[i + 1..];
                return Ok(v);
            }
        }
        Err(Damaged)
    }
}

fn whole(x: f64) -> Option<i64> {
    let n = x as i64;
    (n.unsigned_abs() <= MAX_WHOLE && (n as f64).to_bits() == x.to_bits()).then_some(n)
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

fn varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(values: &[Option<f64>]) -> Vec<Option<f64>> {
        let mut bytes = Vec::new();
        encode(values, &mut bytes);
        let mut r = Reader::new(&bytes);
        let mut back = Vec::new();
        r.read(values.len(), &mut back).unwrap();
        assert!(r.is_empty());
        back
    }

    #[test]
    fn whole_numbers_are_short_and_every_bit_comes_back() {
        let values = [
            None,
            Some(0.0),
            Some(-0.0),
            Some(49438.0),
            Some(-3.0),
            Some(0.1),
        ];
        let mut bytes = Vec::new();
        encode(&values, &mut bytes);
        // None 1, 0.0 1, -0.0 9, 49438 3, -3 1, 0.1 9.
        assert_eq!(bytes.len(), 24);
        let back = round_trip(&values);
        let bits = |v: &[Option<f64>]| v.iter().map(|x| x.map(f64::to_bits)).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&values));
        let mut r = Reader::new(&bytes[..bytes.len() - 1]);
        assert_eq!(r.read(values.len(), &mut Vec::new()), Err(Damaged));
    }

    proptest! {
        #[test]
        fn any_values_round_trip_bit_for_bit(values in prop::collection::vec(
            prop::option::of(prop_oneof![any::<f64>(), (-1i64 << 60..1i64 << 60).prop_map(|n| n as f64)]),
            0..50,
        )) {
            let back = round_trip(&values);
            let bits = |v: &[Option<f64>]| v.iter().map(|x| x.map(f64::to_bits)).collect::<Vec<_>>();
            prop_assert_eq!(bits(&back), bits(&values));
        }
    }
}
