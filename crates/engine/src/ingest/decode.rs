//! Bytes → text (inputs.md, "Encodings and delimiters").
//!
//! UTF-8 with or without BOM; UTF-16 LE/BE with BOM (invalid sequences
//! become U+FFFD and are reported); anything else that is not valid UTF-8 is
//! read as Windows-1252, and the report says so. Refuses what is plainly
//! not text (a workbook, a PDF, other binary) with one sentence.
//!
//! Why not `encoding_rs`: it decodes these three exactly as below, but its
//! decoder dispatch links every encoding's tables (the CJK ones are hundreds
//! of kilobytes) into the page's WebAssembly. UTF-16 comes from the standard
//! library; Windows-1252 is Latin-1 plus the 32-entry WHATWG table for
//! 0x80–0x9F, checked against `encoding_rs` in the tests.

use std::borrow::Cow;

/// The encoding a file was read in, for the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

/// Text decoded from a file.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: Encoding,
    /// Whether some bytes could not be decoded and became U+FFFD.
    pub had_replacements: bool,
}

/// Why bytes are not a text table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Workbook,
    OldWorkbook,
    Binary,
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NotText::Empty => "the file is empty",
            NotText::Workbook => {
                "this is a zip archive or Excel workbook, not a CSV file; save each list as CSV"
            }
            NotText::OldWorkbook => {
                "this is an old-style Excel (.xls) or other Office file; save it as .xlsx or CSV"
            }
            NotText::Binary => "this is not a text table (it holds binary data)",
        })
    }
}

/// Decodes a file's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(NotText::Workbook);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(NotText::OldWorkbook);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, had_replacements) = utf16(rest, u16::from_le_bytes);
        return text_only(Cow::Owned(text), Encoding::Utf16Le, had_replacements);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, had_replacements) = utf16(rest, u16::from_be_bytes);
        return text_only(Cow::Owned(text), Encoding::Utf16Be, had_replacements);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => text_only(Cow::Borrowed(text), Encoding::Utf8, false),
        Err(_) => text_only(Cow::Owned(windows_1252(body)), Encoding::Windows1252, false),
    }
}

/// UTF-16 code units to text; unpaired surrogates and an odd last byte
/// become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|pair| {
        unit([
            pair.first().copied().unwrap_or(0),
            pair.get(1).copied().unwrap_or(0),
        ])
    });
    let mut replaced = bytes.len() % 2 == 1;
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        text.push(c.unwrap_or_else(|_| {
            replaced = true;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replaced)
}

/// Windows-1252 as the WHATWG Encoding Standard defines it: Latin-1 but
/// for 0x80–0x9F (the five unassigned bytes keep their C1 code points).
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}',
        '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
        '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}',
        '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or(char::REPLACEMENT_CHARACTER),
            _ => char::from(b),
        })
        .collect()
}

/// Refuses text with NUL or other control characters a table never holds,
/// which is how a renamed binary file shows itself.
fn text_only(
    text: Cow<'_, str>,
    encoding: Encoding,
    had_replacements: bool,
) -> Result<Decoded<'_>, NotText> {
    let sample_end = text
        .char_indices()
        .nth(4096)
        .map_or(text.len(), |(index, _)| index);
    let sample = text.get(..sample_end).unwrap_or("");
    let control = sample
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if text.contains('\0') || control * 20 > sample.chars().count().max(1) {
        return Err(NotText::Binary);
    }
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(Decoded {
        text,
        encoding,
        had_replacements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        let plain = decode("Team,Area\n".as_bytes()).unwrap();
        assert_eq!(plain.encoding, Encoding::Utf8);
        let with_bom = decode(b"\xEF\xBB\xBFTeam,Area\n").unwrap();
        assert_eq!(with_bom.text, "Team,Area\n");
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Team,Área".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let decoded = decode(&le).unwrap();
        assert_eq!(
            (decoded.text.as_ref(), decoded.encoding),
            ("Team,Área", Encoding::Utf16Le)
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("Team".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().text, "Team");
    }

    #[test]
    fn falls_back_to_windows_1252() {
        // 0x92 is a curly apostrophe in Windows-1252 and invalid in UTF-8.
        let decoded = decode(b"Child\x92s team,\xA3\n").unwrap();
        assert_eq!(decoded.encoding, Encoding::Windows1252);
        assert_eq!(decoded.text, "Child\u{2019}s team,£\n");
    }

    #[test]
    fn windows_1252_and_utf16_agree_with_encoding_rs() {
        // Every byte, as the WHATWG standard (encoding_rs) decodes it.
        let all: Vec<u8> = (1..=255).filter(|b| *b != 0).collect();
        let (expected, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&all);
        assert_eq!(windows_1252(&all), expected);
        // UTF-16 with an unpaired surrogate and an odd last byte.
        let mut le: Vec<u8> = "Café ✓ 𝄞"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        le.extend_from_slice(&0xDC00u16.to_le_bytes());
        le.push(0x41);
        let (expected, expected_replaced) = encoding_rs::UTF_16LE.decode_without_bom_handling(&le);
        let (text, replaced) = utf16(&le, u16::from_le_bytes);
        assert_eq!(
            (text.as_str(), replaced),
            (expected.as_ref(), expected_replaced)
        );
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \r\n").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b"PK\x03\x04rest").unwrap_err(), NotText::Workbook);
        assert_eq!(
            decode(&[0xD0, 0xCF, 0x11, 0xE0, 1]).unwrap_err(),
            NotText::OldWorkbook
        );
        assert_eq!(decode(b"\x00\x01\x02\x03abc").unwrap_err(), NotText::Binary);
    }
}
