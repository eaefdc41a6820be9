//! The ktpsim command line (being written).

fn main() {}
