//! The running header and footer (the protective marking on every page,
//! top and bottom, and "Page n of m"), and the finished file: docx-rs's
//! parts, with what docx-rs cannot yet say written into them before they
//! are zipped.
//!
//! docx-rs 0.4 has no setting for a repeated header row (`w:tblHeader`)
//! or a picture's alt text (`descr`), and gives every picture the same
//! drawing id. Both are a few attributes in `word/document.xml`, whose
//! shape for our tables and pictures is fixed by the locked docx-rs
//! version; the tests read them back, so a docx-rs upgrade that changes
//! it fails a test rather than a committee's document.
//!
//! Owns: header, footer, and the bytes of the file. Must not: lay out
//! the body.

use docx_rs::{
    Docx, FieldCharType, Footer, Header, InstrNUMPAGES, InstrPAGE, InstrText, Paragraph, Run, Tab,
    TabValueType,
};

use crate::docx::layout::{self, HEADER_FOOTER, TEXT_WIDTH};

/// The marking, centred and bold, at the top of every page.
pub(crate) fn header(docx: Docx, marking: &str) -> Docx {
    docx.header(
        Header::new().add_paragraph(layout::centred(
            Paragraph::new()
                .style(HEADER_FOOTER)
                .add_run(layout::run(marking).bold()),
        )),
    )
}

/// The marking centred and "Page n of m" on the right, at the foot of
/// every page.
pub(crate) fn footer(docx: Docx, marking: &str) -> Docx {
    let paragraph = Paragraph::new()
        .style(HEADER_FOOTER)
        .add_tab(Tab::new().val(TabValueType::Center).pos(TEXT_WIDTH / 2))
        .add_tab(Tab::new().val(TabValueType::Right).pos(TEXT_WIDTH))
        .add_run(Run::new().add_tab())
        .add_run(layout::run(marking).bold())
        .add_run(Run::new().add_tab().add_text("Page "))
        .add_run(field(InstrText::PAGE(InstrPAGE::new())))
        .add_run(Run::new().add_text(" of "))
        .add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new())));
    docx.footer(Footer::new().add_paragraph(paragraph))
}

/// A field Word and LibreOffice fill in as they lay the page out.
fn field(instruction: InstrText) -> Run {
    Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(instruction)
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false)
}

/// The file's bytes: the parts, `document.xml` completed (header rows,
/// alt text), `core.xml` naming its author, zipped.
pub(crate) fn bytes(docx: Docx, alts: &[String], author: &str) -> Result<Vec<u8>, String> {
    let mut parts = docx.build();
    let document = String::from_utf8(std::mem::take(&mut parts.document))
        .map_err(|_| "the Word document's text is not UTF-8".to_string())?;
    let document = describe_pictures(&repeat_header_rows(&document), alts)?;
    parts.document = document.into_bytes();
    if let Ok(core) = String::from_utf8(parts.doc_props.core.clone()) {
        let author = attribute(author);
        parts.doc_props.core = core
            .replace(
                "<dc:creator>unknown</dc:creator>",
                &format!("<dc:creator>{author}</dc:creator>"),
            )
            .replace(
                "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                &format!("<cp:lastModifiedBy>{author}</cp:lastModifiedBy>"),
            )
            .into_bytes();
    }
    let mut out = std::io::Cursor::new(Vec::new());
    parts
        .pack(&mut out)
        .map_err(|e| format!("the Word document could not be written: {e}"))?;
    Ok(out.into_inner())
}

/// Marks the first row of every table as its header row, so Word and
/// LibreOffice repeat it at the top of each page the table runs onto
/// (every table here starts with its header row).
fn repeat_header_rows(xml: &str) -> String {
    const HEADER: &str = "<w:tblHeader />";
    let mut out = String::with_capacity(xml.len() + 4096);
    let mut rest = xml;
    while let Some((before, after)) = rest.split_once("<w:tbl>") {
        out.push_str(before);
        out.push_str("<w:tbl>");
        rest = after;
        // The first row's properties: `<w:trPr />` or `<w:trPr>…`.
        let Some((before, after)) = rest.split_once("<w:trPr") else {
            continue;
        };
        out.push_str(before);
        if let Some(after) = after.strip_prefix(" />") {
            out.push_str("<w:trPr>");
            out.push_str(HEADER);
            out.push_str("</w:trPr>");
            rest = after;
        } else if let Some(after) = after.strip_prefix('>') {
            out.push_str("<w:trPr>");
            out.push_str(HEADER);
            rest = after;
        } else {
            out.push_str("<w:trPr");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// docx-rs writes every picture's drawing properties alike.
const DRAWING: &str = r#"<wp:docPr id="1" name="Figure" />"#;

/// Gives the pictures, in document order, unique ids, names and their
/// alt text (`descr`, what a screen reader says and Word's "Alt Text").
fn describe_pictures(xml: &str, alts: &[String]) -> Result<String, String> {
    let found = xml.matches(DRAWING).count();
    if found != alts.len() {
        return Err(format!(
            "the Word document has {found} pictures where {} charts were placed",
            alts.len()
        ));
    }
    let mut out = String::with_capacity(xml.len() + alts.iter().map(String::len).sum::<usize>());
    let mut pieces = xml.split(DRAWING);
    out.push_str(pieces.next().unwrap_or_default());
    for ((n, alt), piece) in (1..).zip(alts).zip(pieces) {
        out.push_str(&format!(
            r#"<wp:docPr id="{n}" name="Chart {n}" descr="{}" />"#,
            attribute(alt)
        ));
        out.push_str(piece);
    }
    Ok(out)
}

/// Text as an XML attribute value (or element text).
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in layout::clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Attribute values normalise line breaks to spaces anyway.
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_row_of_each_table_repeats() {
        let xml = "<w:body><w:tbl><w:tblPr /><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>\
                   <w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
                   <w:tbl><w:tr><w:trPr /></w:tr></w:tbl></w:body>";
        assert_eq!(
            repeat_header_rows(xml),
            "<w:body><w:tbl><w:tblPr /><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr></w:tr>\
             <w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>\
             <w:tbl><w:tr><w:trPr><w:tblHeader /></w:trPr></w:tr></w:tbl></w:body>"
        );
        assert_eq!(repeat_header_rows("<w:p />"), "<w:p />");
    }

    #[test]
    fn pictures_get_ids_and_alt_text() {
        let xml = format!("a{DRAWING}b{DRAWING}c");
        let alts = [
            "Plans <by> month".to_string(),
            "By \"area\" & more".to_string(),
        ];
        assert_eq!(
            describe_pictures(&xml, &alts).as_deref(),
            Ok(
                r#"a<wp:docPr id="1" name="Chart 1" descr="Plans &lt;by&gt; month" />b<wp:docPr id="2" name="Chart 2" descr="By &quot;area&quot; &amp; more" />c"#
            )
        );
        assert!(describe_pictures(&xml, &alts[..1]).is_err());
        assert_eq!(describe_pictures("x", &[]).as_deref(), Ok("x"));
    }
}
