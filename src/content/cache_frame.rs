//! How both cache files (the site index, the community pages) are laid out around
//! what they keep: an 8-byte magic naming the kind of file, the schema of its records
//! (u32), the number of parts (u32), each part's length and checksum (u64 each), then
//! the parts one after another. A file of another kind or schema, cut short or grown,
//! unframes to nothing. A part's checksum is checked by whoever reads the part, when
//! it reads it: a part may be read later, or on another thread.

use std::ops::Range;

/// The bytes before the table of parts: the magic, the schema, the number of parts.
const PREFIX_LEN: usize = 8 + 4 + 4;
/// One part's entry in the table: its length and its checksum.
const ENTRY_LEN: usize = 8 + 8;

/// The bytes of a file of kind `magic` and `schema` holding `parts`.
pub fn frame(magic: &[u8; 8], schema: u32, parts: &[&[u8]]) -> Vec<u8> {
    let size = PREFIX_LEN + ENTRY_LEN * parts.len() + parts.iter().map(|p| p.len()).sum::<usize>();
    let mut bytes = Vec::with_capacity(size);
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&schema.to_le_bytes());
    let count = u32::try_from(parts.len()).expect("fewer than 2^32 parts");
    bytes.extend_from_slice(&count.to_le_bytes());
    for part in parts {
        bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&checksum(part).to_le_bytes());
    }
    for part in parts {
        bytes.extend_from_slice(part);
    }
    bytes
}

/// One part of a framed file: where its bytes are in the file, and the checksum it was
/// written with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub range: Range<usize>,
    sum: u64,
}

impl Part {
    /// The part's bytes in `file` (the bytes it was unframed from), if they are the
    /// ones written.
    pub fn checked<'a>(&self, file: &'a [u8]) -> Option<&'a [u8]> {
        self.checked_in_steps(file, usize::MAX, |_| {})
    }

    /// As `checked`, telling `read_up_to` each time the check has read another `step`
    /// bytes of the part (rounded up to a whole word), and where it has read up to in
    /// the part.
    pub fn checked_in_steps<'a>(
        &self,
        file: &'a [u8],
        step: usize,
        read_up_to: impl FnMut(usize),
    ) -> Option<&'a [u8]> {
        let bytes = file.get(self.range.clone())?;
        (checksum_in_steps(bytes, step, read_up_to) == self.sum).then_some(bytes)
    }
}

/// The parts of `bytes`, when they are a whole file of kind `magic` and `schema`.
pub fn unframe(magic: &[u8; 8], schema: u32, bytes: &[u8]) -> Option<Vec<Part>> {
    let prefix = bytes.get(..PREFIX_LEN)?;
    let word = |at: usize| {
        u32::from_le_bytes([prefix[at], prefix[at + 1], prefix[at + 2], prefix[at + 3]])
    };
    if &prefix[..8] != magic || word(8) != schema {
        return None;
    }
    let count = usize::try_from(word(12)).ok()?;
    let table_end = count.checked_mul(ENTRY_LEN)?.checked_add(PREFIX_LEN)?;
    let table = bytes.get(PREFIX_LEN..table_end)?;
    let mut at = table_end;
    let parts = table
        .chunks_exact(ENTRY_LEN)
        .map(|entry| {
            let [len, sum] = [&entry[..8], &entry[8..]]
                .map(|w| u64::from_le_bytes(w.try_into().unwrap_or([0; 8])));
            let end = at.checked_add(usize::try_from(len).ok()?)?;
            let part = Part {
                range: at..end,
                sum,
            };
            at = end;
            Some(part)
        })
        .collect::<Option<Vec<_>>>()?;
    (at == bytes.len()).then_some(parts)
}

/// A checksum of a part's bytes, a word at a time: enough to tell a file cut short,
/// damaged or half written from one whole (not a defence against a forger).
fn checksum(bytes: &[u8]) -> u64 {
    checksum_in_steps(bytes, usize::MAX, |_| {})
}

/// `checksum`, telling `read_up_to` where it has read up to after each `step` bytes.
fn checksum_in_steps(bytes: &[u8], step: usize, mut read_up_to: impl FnMut(usize)) -> u64 {
    let mut hash: u64 = 0x9E37_79B9_7F4A_7C15 ^ bytes.len() as u64;
    let whole_words = bytes.len() / 8 * 8;
    let step = step.max(8).div_ceil(8).saturating_mul(8);
    let mut read = 0;
    for block in bytes[..whole_words].chunks(step) {
        for word in block.chunks_exact(8) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
            hash = (hash ^ word).wrapping_mul(0x0100_0000_01B3).rotate_left(23);
        }
        read += block.len();
        read_up_to(read);
    }
    for &byte in &bytes[whole_words..] {
        hash = (hash ^ byte as u64).wrapping_mul(0x0100_0000_01B3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAGIC: &[u8; 8] = b"CPDKTEST";

    fn parts_of(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
        unframe(MAGIC, 3, bytes)?
            .iter()
            .map(|part| part.checked(bytes).map(<[u8]>::to_vec))
            .collect()
    }

    #[test]
    fn the_checksum_in_steps_is_the_checksum_and_says_how_far_it_read() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        for len in [0, 7, 8, 9, 64, 999, 1000] {
            let bytes = &bytes[..len];
            for step in [1, 8, 13, 64, 4096, usize::MAX] {
                let mut told = Vec::new();
                let sum = checksum_in_steps(bytes, step, |to| told.push(to));
                assert_eq!(sum, checksum(bytes), "{len} bytes in steps of {step}");
                let whole_words = len / 8 * 8;
                assert!(told.windows(2).all(|w| w[0] < w[1]), "{told:?}");
                assert_eq!(told.last().copied().unwrap_or(0), whole_words);
                let widest = told.windows(2).map(|w| w[1] - w[0]).max();
                assert!(widest.is_none_or(|w| w <= step.max(8).div_ceil(8) * 8));
            }
        }
        let mut other = bytes.clone();
        other[500] ^= 1;
        assert_ne!(checksum(&other), checksum(&bytes));
    }

    #[test]
    fn parts_come_back_as_framed() {
        let parts: [&[u8]; 3] = [b"head", b"", b"the records, longer"];
        let bytes = frame(MAGIC, 3, &parts);
        assert_eq!(parts_of(&bytes).unwrap(), parts.map(<[u8]>::to_vec));
        assert_eq!(
            parts_of(&frame(MAGIC, 3, &[])).unwrap(),
            Vec::<Vec<u8>>::new()
        );
    }

    #[test]
    fn another_kind_schema_or_length_is_no_file() {
        let bytes = frame(MAGIC, 3, &[b"head", b"records"]);
        assert!(unframe(b"CPDKSITE", 3, &bytes).is_none(), "another kind");
        assert!(unframe(MAGIC, 4, &bytes).is_none(), "another schema");
        for cut in 0..bytes.len() {
            assert!(unframe(MAGIC, 3, &bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut grown = bytes.clone();
        grown.push(0);
        assert!(unframe(MAGIC, 3, &grown).is_none(), "a byte too many");
        let mut huge = bytes.clone();
        huge[12..16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(unframe(MAGIC, 3, &huge).is_none(), "a count past the end");
    }

    #[test]
    fn a_changed_byte_fails_only_its_parts_check() {
        let bytes = frame(MAGIC, 3, &[b"head", b"records"]);
        let mut changed = bytes.clone();
        let last = changed.len() - 1;
        changed[last] ^= 0x20;
        let parts = unframe(MAGIC, 3, &changed).unwrap();
        assert_eq!(parts[0].checked(&changed), Some(&b"head"[..]));
        assert_eq!(parts[1].checked(&changed), None);
    }
}
