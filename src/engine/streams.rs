//! Random streams: one per (seed, replication, component).
//!
//! The component's name and the seed choose a ChaCha8 key; the replication
//! chooses the ChaCha stream (its 64-bit nonce). Replication i therefore draws
//! the same numbers on any thread, and two scenarios that share a component's
//! settings and seed share that component's random history (common random
//! numbers), whatever else differs between them.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

use crate::hash::Fnv64;

/// The generator every model component draws from.
pub type Stream = ChaCha8Rng;

/// The stream of `component` in replication `replication` under `seed`.
pub fn stream(seed: u64, replication: u64, component: &str) -> Stream {
    let mut key = [0u8; 32];
    let mut state = seed ^ Fnv64::of(component.as_bytes());
    for chunk in key.chunks_exact_mut(8) {
        chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
    }
    let mut rng = ChaCha8Rng::from_seed(key);
    rng.set_stream(replication);
    rng
}

/// A seed derived from `seed` and `key`: the seed a part of a model keys its
/// own streams by (an office of a national scenario, by its name). One
/// splitmix64 round, so that keys differing in one letter give unrelated seeds.
pub fn derived_seed(seed: u64, key: &str) -> u64 {
    let mut state = seed ^ Fnv64::of(key.as_bytes());
    splitmix64(&mut state)
}

fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn value_stability() {
        // Pinned: if these change, every published result changes. Change them only
        // on purpose, and say so in the changelog.
        let mut rng = stream(2017, 0, "link");
        let got: Vec<u64> = (0..3).map(|_| rng.random::<u64>()).collect();
        assert_eq!(got, PINNED_LINK_2017_0);
    }

    const PINNED_LINK_2017_0: [u64; 3] = [
        565_961_184_382_703_549,
        7_913_487_598_777_307_003,
        12_686_348_011_767_024_567,
    ];

    #[test]
    fn streams_differ_by_component_replication_and_seed() {
        let first = |seed, rep, comp| stream(seed, rep, comp).random::<u64>();
        let base = first(1, 0, "link");
        assert_ne!(base, first(1, 1, "link"));
        assert_ne!(base, first(1, 0, "server"));
        assert_ne!(base, first(2, 0, "link"));
        assert_eq!(base, first(1, 0, "link"));
    }
}
