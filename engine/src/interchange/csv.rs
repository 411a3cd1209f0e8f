//! RFC 4180 CSV, read and written by hand (it is small), with the two
//! spreadsheet realities that matter: Excel's UTF-8 BOM and the `;`
//! separator of European locales.
//!
//! # Formula injection
//!
//! A spreadsheet treats a cell starting with `=`, `+`, `-` or `@` (and, in
//! some programs, a tab or a carriage return) as a formula, so user text such
//! as `=HYPERLINK(...)` in a risk title could run when the export is opened.
//! [`neutralise`] puts an apostrophe in front of such a cell so that it is
//! shown as text. To keep the escape lossless, a cell that already starts
//! with an apostrophe gets one more too; [`restore`] undoes exactly this on
//! import, so an export imports back unchanged.

use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The UTF-8 byte order mark that makes Excel read a CSV file as UTF-8.
pub const BOM: char = '\u{FEFF}';

/// A parsed CSV file: the header line and the data rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CsvTable {
    /// The fields of the first record, as written.
    pub headers: Vec<String>,
    /// Every later record, padded with empty strings or truncated to the
    /// number of headers.
    pub rows: Vec<Vec<String>>,
    /// How many fields each row really had, in the order of `rows`: more
    /// than `headers.len()` means cells were cut off, which the import
    /// reports as an error for that row.
    pub field_counts: Vec<usize>,
}

impl CsvTable {
    /// A table from headers and rows, each row padded or truncated to the
    /// headers (its original length is kept in `field_counts`).
    pub fn new(headers: Vec<String>, rows: Vec<Vec<String>>) -> Self {
        let width = headers.len();
        let mut field_counts = Vec::with_capacity(rows.len());
        let rows = rows
            .into_iter()
            .map(|mut row| {
                field_counts.push(row.len());
                row.resize(width, String::new());
                row
            })
            .collect();
        Self {
            headers,
            rows,
            field_counts,
        }
    }

    /// The spreadsheet row number of data row `index` (0-based): the header
    /// is row 1, so the first data row is row 2.
    pub fn row_number(index: usize) -> usize {
        index.saturating_add(2)
    }
}

/// Whether a cell would be read as a formula (or a control character) by a
/// spreadsheet, or starts with the apostrophe used to escape one.
fn needs_neutralising(cell: &str) -> bool {
    matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
    )
}

/// Makes user text safe to open in a spreadsheet: a cell starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so it
/// is shown as text instead of being evaluated as a formula. A cell that
/// already starts with an apostrophe gets one more, so [`restore`] can undo
/// the escape exactly. Any other text is returned untouched.
///
/// ```
/// use riskwright_engine::interchange::csv::{neutralise, restore};
/// assert_eq!(neutralise("=1+1"), "'=1+1");
/// assert_eq!(neutralise("Ransomware"), "Ransomware");
/// assert_eq!(restore(&neutralise("@SUM(A1)")), "@SUM(A1)");
/// ```
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_neutralising(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Undoes [`neutralise`]: removes a leading apostrophe when what follows
/// would have been neutralised. Other text is returned untouched.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_neutralising(rest) => rest,
        _ => cell,
    }
}

/// Appends one field, quoted when it holds a comma, a semicolon (so that the
/// separator detection of [`parse_csv`] is never fooled), a quote, a CR or an
/// LF, with quotes doubled. No formula neutralisation: see [`neutralise`].
pub fn write_field(out: &mut String, field: &str) {
    if field.contains([',', ';', '"', '\r', '\n']) {
        out.push('"');
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends one record: fields separated by commas, ended by CRLF. A record
/// made of one empty field is written `""`, so it is not mistaken for a
/// blank line.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    if let [only] = fields {
        if only.as_ref().is_empty() {
            out.push_str("\"\"\r\n");
            return;
        }
    }
    for (k, field) in fields.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        write_field(out, field.as_ref());
    }
    out.push_str("\r\n");
}

/// Writes a whole table as RFC 4180 text starting with the UTF-8 BOM. Cells
/// are written as they are: neutralise user text with [`neutralise`] first.
pub fn write_csv(table: &CsvTable) -> String {
    let mut out = String::new();
    out.push(BOM);
    write_record(&mut out, &table.headers);
    for row in &table.rows {
        write_record(&mut out, row);
    }
    out
}

/// The separator of a file: `;` when its header line has more semicolons
/// than commas outside quotes (Excel in European locales), else `,`.
fn detect_separator(text: &str) -> char {
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            '\r' | '\n' if !quoted => break,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

fn at_line(line: usize, message: &str) -> Diagnostic {
    Diagnostic::new(format!("line {line}"), message)
}

/// Parses CSV text: RFC 4180 with a leading BOM allowed, CRLF, LF or CR line
/// ends, quoted fields holding separators, line breaks and doubled quotes, a
/// last line with or without its line end, and `;` as separator when the
/// header line has more `;` than `,` outside quotes. Blank lines at the end
/// are dropped.
///
/// Fails on an unterminated quoted field or a quote inside an unquoted field,
/// with the line (`"line 14"`) as the diagnostic's path.
///
/// ```
/// use riskwright_engine::interchange::csv::parse_csv;
/// let table = parse_csv("\u{feff}Title;Owner\r\n\"Fire; flood\";CFO\r\n").unwrap();
/// assert_eq!(table.headers, ["Title", "Owner"]);
/// assert_eq!(table.rows, [["Fire; flood", "CFO"]]);
/// ```
pub fn parse_csv(text: &str) -> Result<CsvTable, Diagnostic> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let separator = detect_separator(text);
    let mut records = read_records(text, separator)?;
    while records.last().is_some_and(|r| r.blank) {
        records.pop();
    }
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        return Err(at_line(1, "the file is empty: it has no header line"));
    };
    Ok(CsvTable::new(
        header.fields,
        records.map(|r| r.fields).collect(),
    ))
}

struct Record {
    fields: Vec<String>,
    /// An empty line: nothing at all between two line ends.
    blank: bool,
}

fn read_records(text: &str, separator: char) -> Result<Vec<Record>, Diagnostic> {
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut records = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted_any = false;
    loop {
        if fields.is_empty() && !quoted_any && chars.peek().is_none() {
            // End of text right after a line end (or an empty text).
            break;
        }
        if chars.peek() == Some(&'"') {
            quoted_any = true;
            chars.next();
            let start = line;
            loop {
                match chars.next() {
                    None => {
                        return Err(at_line(
                            start,
                            "a quoted field is never closed: a closing quote (\") is missing",
                        ))
                    }
                    Some('"') => {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            field.push('"');
                        } else {
                            break;
                        }
                    }
                    Some(c) => {
                        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
                            line += 1;
                        }
                        field.push(c);
                    }
                }
            }
            match chars.peek() {
                None | Some('\r' | '\n') => {}
                Some(&c) if c == separator => {}
                Some(_) => {
                    return Err(at_line(
                        line,
                        "text follows the closing quote of a quoted field; a quote inside a field must be doubled (\"\")",
                    ))
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == separator || c == '\r' || c == '\n' {
                    break;
                }
                if c == '"' {
                    return Err(at_line(
                        line,
                        "a quote (\") inside an unquoted field: quote the whole field and double the quote",
                    ));
                }
                field.push(c);
                chars.next();
            }
        }
        let end_of_record = match chars.next() {
            Some(c) if c == separator => false,
            Some('\r') => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                line += 1;
                true
            }
            Some('\n') => {
                line += 1;
                true
            }
            _ => true,
        };
        fields.push(std::mem::take(&mut field));
        if end_of_record {
            let blank = !quoted_any && fields.len() == 1 && fields.iter().all(String::is_empty);
            records.push(Record {
                fields: std::mem::take(&mut fields),
                blank,
            });
            quoted_any = false;
        }
    }
    Ok(records)
}
