//! Bytes → text (inputs.md, "Encodings and delimiters").
//!
//! UTF-8 with or without BOM; UTF-16 LE/BE with BOM (invalid sequences
//! become U+FFFD and are reported); anything else that is not valid UTF-8 is
//! read as Windows-1252, and the report says so. Refuses what is plainly
//! not text (a workbook, a PDF, other binary) with one sentence.

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

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
        let (text, had_replacements) = UTF_16LE.decode_without_bom_handling(rest);
        return text_only(text, Encoding::Utf16Le, had_replacements);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, had_replacements) = UTF_16BE.decode_without_bom_handling(rest);
        return text_only(text, Encoding::Utf16Be, had_replacements);
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => text_only(Cow::Borrowed(text), Encoding::Utf8, false),
        Err(_) => {
            let (text, had_replacements) = WINDOWS_1252.decode_without_bom_handling(body);
            text_only(text, Encoding::Windows1252, had_replacements)
        }
    }
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
