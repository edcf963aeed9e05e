//! Which of a load's files the second worker reads (issue 18): the engine's
//! worker reads the files in order on one core, and a second worker
//! (`engine_worker::second_reader`) reads the last ones on the other at the
//! same time and sends their records back as bytes (`ingest::transfer`).
//!
//! Owns: the split and the message that asks for a share. Must not: reorder
//! the files (the engine takes every file back in the load's order, so
//! sources, problems and figures are those of a load read in one worker).

#[cfg(target_arch = "wasm32")]
use crate::worker_protocol::FileMeta;

/// The part of a load's bytes the second worker reads while the engine
/// reads the rest. The engine also takes the second worker's records back
/// (a third of their parse time), but the second worker shares its core
/// with the browser's own reading of the files and the page: on the
/// monthly shape 45% left it idle before the engine needed its files,
/// 60% kept the engine waiting for the last ones, and half did no worse
/// than either (docs/benchmarks.md, "The second core").
const SHARE: f64 = 0.5;

/// Below this a load is read in one worker: a message's round trip and
/// the records' way back cost more than the second core gains.
const MIN_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// The first file the second worker reads, given every file's size in
/// load order (it reads that one and all after it); `sizes.len()` when the
/// engine reads them all. The second worker takes whole files from the
/// end while they fit in its share, and always leaves the engine the first.
pub(crate) fn first_shared(sizes: &[f64]) -> usize {
    let total: f64 = sizes.iter().sum();
    if total < MIN_BYTES {
        return sizes.len();
    }
    let mut first = sizes.len();
    let mut shared = 0.0;
    for (index, size) in sizes.iter().enumerate().skip(1).rev() {
        if shared + size > total * SHARE {
            break;
        }
        shared += size;
        first = index;
    }
    first
}

/// What the engine's worker asks of the second: read these files (their
/// `File` handles travel beside the message, in order) as the load would,
/// and send each one's records back (`ingest::transfer`) in order.
#[cfg(target_arch = "wasm32")]
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ShareRequest {
    /// The load's own number, so an answer to an earlier load is ignored.
    pub(crate) id: u32,
    pub(crate) today: jiff::civil::Date,
    pub(crate) files: Vec<FileMeta>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: f64 = 1024.0 * 1024.0;

    #[test]
    fn a_small_load_is_read_in_one_worker() {
        assert_eq!(first_shared(&[1.0 * MB, 1.0 * MB, 1.5 * MB]), 3);
        assert_eq!(first_shared(&[]), 0);
    }

    /// The monthly shape's order: two 1.2 MB files, 0.1, 4.6, 3.1, thirteen
    /// List 6 of 1.9, 0.5, 0.6, thirteen List 9 of 0.25, then four small
    /// ones (0.4 MB together): 39.65 MB. Half is 19.825 MB; from the end the
    /// small four, the List 9s (3.25), List 8 and 7 (1.1) make 4.75 MB, and
    /// seven List 6s (13.3) bring it to 18.05; an eighth would make 19.95,
    /// over, so the share starts at the seventh List 6 (index 11).
    #[test]
    fn the_second_worker_takes_whole_files_from_the_end_within_its_share() {
        let mut sizes = vec![1.2 * MB, 1.2 * MB, 0.1 * MB, 4.6 * MB, 3.1 * MB];
        sizes.extend([1.9 * MB; 13]);
        sizes.extend([0.5 * MB, 0.6 * MB]);
        sizes.extend([0.25 * MB; 13]);
        sizes.extend([0.1 * MB; 4]);
        assert_eq!(sizes.len(), 37);
        let first = first_shared(&sizes);
        assert_eq!(first, 11);
        let shared: f64 = sizes[first..].iter().sum();
        assert!((shared - 18.05 * MB).abs() < 1.0, "{}", shared / MB);
    }

    /// One big file is never the second worker's alone to read.
    #[test]
    fn the_engine_always_reads_the_first_file() {
        assert_eq!(first_shared(&[30.0 * MB]), 1);
        assert_eq!(first_shared(&[2.0 * MB, 30.0 * MB]), 2);
        assert_eq!(first_shared(&[30.0 * MB, 2.0 * MB, 2.0 * MB]), 1);
    }
}
