//! FNV-1a (64 bits): the one hash of texts. It keys the random streams of a
//! component or an office by name ([`crate::engine::streams`]), fingerprints a
//! scenario's settings in the report, and checksums shard files. It is stable
//! across versions and platforms, which is all these need: it guards against
//! accidents, not against an adversary.

/// An FNV-1a hash, fed bytes in pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    /// Adds `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub fn value(self) -> u64 {
        self.0
    }

    /// The hash of `bytes`.
    pub fn of(bytes: &[u8]) -> u64 {
        let mut h = Self::default();
        h.update(bytes);
        h.value()
    }

    /// The hash of `bytes` in 16 hex digits.
    pub fn hex(bytes: &[u8]) -> String {
        format!("{:016x}", Self::of(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_of_fnv1a_64() {
        // The published test vectors of FNV-1a, 64 bits.
        assert_eq!(Fnv64::of(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(Fnv64::of(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(Fnv64::of(b"foobar"), 0x8594_4171_f739_67e8);
        let mut pieces = Fnv64::default();
        pieces.update(b"foo");
        pieces.update(b"bar");
        assert_eq!(pieces.value(), Fnv64::of(b"foobar"));
        assert_eq!(Fnv64::hex(b"a"), "af63dc4c8601ec8c");
    }
}
