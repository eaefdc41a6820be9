//! Files, whole or not at all: the layer under everything that reads or
//! writes.
//!
//! A file is written under a temporary name and renamed into place
//! ([`atomic`]); all the files of one command are put in place together by a
//! [`staging::Staging`]; temporary files that killed runs left behind are
//! recognised and removed ([`stale`]); and a system error is told in one
//! wording, with the path and the fix ([`fault`]). Files are read only through
//! [`read`] (regular files, within a size), and no write replaces or removes
//! a file that the command read ([`inputs`]). Nothing here knows what a
//! scenario or a result is: the layers above say what to write, this one says
//! how a file reaches the disk.

pub mod atomic;
pub mod fault;
pub mod inputs;
pub mod read;
pub mod staging;
pub mod stale;
