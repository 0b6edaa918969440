//! Finding the header row and reading it: which record names the columns, what role each
//! column plays ([`Header`]), and the file-wide readings decided from the first data rows (the
//! decimal mark, and how a bare cost column reads).

use super::csv;
use super::lexicon;
use super::report::FileKind;
use super::roles::{self, Role};
use super::session::FileOptions;
use super::values::{self, DateCell};
use super::vocab::{CostKind, DiscountKind};
use crate::error::IngestError;
use crate::model::AttributeKind;

/// Records looked at to find the header row.
pub(super) const HEADER_SCAN_RECORDS: usize = 30;

/// Records held before the header is settled (or the whole of a shorter file): the header is
/// found among the first [`HEADER_SCAN_RECORDS`], and the columns' roles read the values of the
/// data rows among them. A fixed count, so the roles never depend on how the bytes are chunked.
pub(super) const ROLE_SAMPLE_RECORDS: usize = 100;

/// The deepest header row the user can set ([`FileOptions::header_row`]): the records above it
/// are held until it arrives.
pub(super) const MAX_HEADER_ROW: u64 = 100;

/// The most fields the header row, and every record looked at to find it, may have: Excel's
/// 16,384 columns (`XFD`). A longer record is refused with `ingest.too_many_fields` rather than
/// held as hundreds of MB of cells (a 15 MB line of one-byte fields would be 7.5 M of them).
pub(super) const MAX_HEADER_FIELDS: usize = 16_384;

/// The header: column names, their roles and the column index of each role.
#[derive(Debug, Clone)]
pub(super) struct Header {
    /// A sales file, or a customer-attributes file (then `datetime` is unused).
    pub(super) kind: FileKind,
    pub(super) row: u64,
    pub(super) names: Vec<String>,
    pub(super) roles: Vec<Option<Role>>,
    pub(super) confidence: Vec<f32>,
    /// The customer id column; `None` in a file without one (every line is then a guest line).
    pub(super) customer: Option<usize>,
    /// The date column; `None` in a sales file with order ids and items but no date (its lines
    /// have time 0 and the session is `undated`).
    pub(super) datetime: Option<usize>,
    /// The payment time of an order-level export (`订单付款时间`, `Paid Time`): an empty cell
    /// means the order was never paid, and the row is dropped as `unpaid_or_cancelled`.
    pub(super) paid_time: Option<usize>,
    /// No amount and no unit price: the lines count as purchases with amount 0, which is not
    /// money (the session's `columns.unpriced` says so to every analysis).
    pub(super) unpriced: bool,
    /// The region column is a postal address (`收货地址`, `Address`): its region is the
    /// province at its start ([`super::vocab::province_of_address`]).
    pub(super) region_is_address: bool,
    pub(super) order: Option<usize>,
    pub(super) product_id: Option<usize>,
    pub(super) product_name: Option<usize>,
    pub(super) quantity: Option<usize>,
    pub(super) unit_price: Option<usize>,
    pub(super) amount: Option<usize>,
    pub(super) region: Option<usize>,
    pub(super) status: Option<usize>,
    pub(super) refund: Option<usize>,
    pub(super) discount: Option<usize>,
    /// How the discount column reads (see [`DiscountKind`]).
    pub(super) discount_kind: DiscountKind,
    pub(super) cost: Option<usize>,
    /// How the cost column reads (see [`CostKind`]); settled from the first rows when the
    /// header does not say.
    pub(super) cost_kind: CostKind,
    pub(super) category: Option<usize>,
    pub(super) store: Option<usize>,
    /// Customer attribute columns on the sales rows: kind and column index.
    pub(super) attributes: Vec<(AttributeKind, usize)>,
    /// The largest column index a row must have.
    pub(super) max_required: usize,
    /// The warehouse summary table a [`FileKind::Summary`] file holds.
    pub(super) summary: Option<crate::warehouse::Table>,
}

impl Header {
    /// The header of a basket-format file: `width` item columns, no other role.
    pub(super) fn baskets(width: usize) -> Header {
        Header {
            kind: FileKind::Baskets,
            row: 0,
            names: (1..=width).map(|i| format!("Item {i}")).collect(),
            roles: vec![Some(Role::ProductName); width],
            confidence: vec![0.5; width],
            customer: None,
            datetime: None,
            paid_time: None,
            unpriced: true,
            region_is_address: false,
            order: None,
            product_id: None,
            product_name: None,
            quantity: None,
            unit_price: None,
            amount: None,
            region: None,
            status: None,
            refund: None,
            discount: None,
            discount_kind: DiscountKind::Line,
            cost: None,
            cost_kind: CostKind::Line,
            category: None,
            store: None,
            attributes: Vec::new(),
            max_required: 0,
            summary: None,
        }
    }

    /// The header of a sales or customer-attributes file named `names` at record `row`: roles
    /// from the names (or the user's), else guessed from the sample values when no name says one.
    pub(super) fn new(
        file: &str,
        row: u64,
        names: Vec<String>,
        user_roles: Option<&[Option<Role>]>,
        samples: &[Vec<String>],
        decimal_comma: bool,
    ) -> Result<Self, IngestError> {
        let (roles, confidence) = match user_roles {
            Some(r) => {
                let mut roles: Vec<Option<Role>> = r.to_vec();
                roles.resize(names.len(), None);
                let conf = vec![0.0; names.len()];
                (roles, conf)
            }
            // The header's names and the first rows' values together (`samples[i]`: column
            // `i`'s cells of the first data rows, row-aligned).
            None => roles::assign(&names, samples, decimal_comma),
        };
        let col = |role: Role| roles.iter().position(|r| *r == Some(role));
        let missing = |role: Role| missing_role(file, row, role, &names, &roles, &confidence, samples, decimal_comma);
        // What a sales file needs: a date, or else order ids and items (a basket export without
        // dates). A customer id and money are optional: without a customer id every line is a
        // guest line; without money the lines are purchases worth nothing (`unpriced`), and the
        // analyses that need money say so.
        let customer = col(Role::CustomerId);
        let order = col(Role::OrderId);
        let (quantity, unit_price, amount) = (col(Role::Quantity), col(Role::UnitPrice), col(Role::Amount));
        let product = col(Role::ProductId).or(col(Role::ProductName));
        let attributes: Vec<(AttributeKind, usize)> =
            ATTRIBUTE_ROLES.iter().filter_map(|&(role, kind)| col(role).map(|i| (kind, i))).collect();
        // A customer id and attributes, with no date and no money: a customer-attributes file.
        let customers_file = customer.is_some()
            && col(Role::Datetime).is_none()
            && [order, quantity, unit_price, amount].iter().all(Option::is_none)
            && !attributes.is_empty();
        let (kind, datetime) = if customers_file {
            (FileKind::Customers, None)
        } else {
            match col(Role::Datetime) {
                Some(d) => (FileKind::Sales, Some(d)),
                None if order.is_some() && product.is_some() => (FileKind::Sales, None),
                None => return Err(missing(Role::Datetime)),
            }
        };
        let unpriced = kind == FileKind::Sales && amount.is_none() && unit_price.is_none();
        let region = col(Role::Region);
        let region_is_address = region.is_some_and(|i| {
            let n = roles::normalize_header(&names[i]);
            n.contains("address") || n.contains("地址")
        });
        let max_required = [customer, datetime, quantity, unit_price, amount].into_iter().flatten().max().unwrap_or(0);
        Ok(Header {
            kind,
            row,
            customer,
            datetime,
            paid_time: col(Role::PaidTime),
            unpriced,
            region_is_address,
            order,
            product_id: col(Role::ProductId),
            product_name: col(Role::ProductName),
            quantity,
            unit_price,
            amount,
            region,
            status: col(Role::Status),
            refund: col(Role::RefundAmount),
            discount: col(Role::Discount),
            discount_kind: col(Role::Discount).map_or(DiscountKind::Line, |i| DiscountKind::from_header(&names[i])),
            cost: col(Role::Cost),
            cost_kind: col(Role::Cost).map_or(CostKind::Line, |i| CostKind::from_header(&names[i])),
            category: col(Role::Category),
            store: col(Role::Store),
            attributes,
            max_required,
            summary: None,
            names,
            roles,
            confidence,
        })
    }
}

/// The error for a file with no column for `role`: every column with its first sample values
/// and its best-guess role (the header's, else one from the values), and the candidate for the
/// missing role, the first column, left to right, whose role came from no header name nor the
/// user and whose values suggest the role (or, for a missing id or amount, a close one: another
/// id; the unit price, then the quantity).
#[allow(clippy::too_many_arguments)]
fn missing_role(
    file: &str,
    row: u64,
    role: Role,
    names: &[String],
    roles: &[Option<Role>],
    confidence: &[f32],
    samples: &[Vec<String>],
    decimal_comma: bool,
) -> IngestError {
    let (mut guesses, mut guess_confidence) = (roles.to_vec(), confidence.to_vec());
    roles::guess_from_values(&mut guesses, &mut guess_confidence, samples, decimal_comma);
    // A role from the header name (confidence 1) or the user (0) is taken; a value guess is not.
    let open = |i: usize| roles[i].is_none() || (confidence[i] > 0.0 && confidence[i] < 1.0);
    let family: &[Role] = match role {
        Role::CustomerId => &[Role::CustomerId, Role::OrderId, Role::ProductId],
        Role::Amount => &[Role::Amount, Role::UnitPrice, Role::Quantity],
        _ => &[],
    };
    let candidate = std::iter::once(role)
        .chain(family.iter().copied())
        .find_map(|r| (0..names.len()).find(|&i| open(i) && guesses[i] == Some(r)))
        .map(|i| names[i].clone());
    let columns = names
        .iter()
        .enumerate()
        .map(|(i, name)| crate::error::ColumnGuess {
            name: name.clone(),
            samples: samples.get(i).map(|v| v.iter().take(5).cloned().collect()).unwrap_or_default(),
            guess: guesses[i],
            confidence: (f64::from(guess_confidence[i]) * 100.0).round() / 100.0,
        })
        .collect();
    IngestError::MissingRole { file: file.to_owned(), row, role, columns, candidate }
}

/// The roles that describe a customer rather than a line, and the attribute each fills.
const ATTRIBUTE_ROLES: [(Role, AttributeKind); 8] = [
    (Role::Gender, AttributeKind::Gender),
    (Role::Age, AttributeKind::Age),
    (Role::City, AttributeKind::City),
    (Role::Region, AttributeKind::Region),
    (Role::MemberLevel, AttributeKind::MemberLevel),
    (Role::JoinDate, AttributeKind::JoinDate),
    (Role::Credit, AttributeKind::Credit),
    (Role::Satisfaction, AttributeKind::Satisfaction),
];

/// A record copied out of the reader while the header is being looked for.
#[derive(Debug)]
pub(super) struct OwnedRecord {
    pub(super) data: Vec<u8>,
    pub(super) ends: Vec<usize>,
    pub(super) number: u64,
    /// The line (or sheet row) the record starts on: see [`csv::Record::line`].
    pub(super) line: u64,
    pub(super) unclosed_quote: bool,
}

impl OwnedRecord {
    /// A copy of a record.
    pub(super) fn new(rec: &csv::Record<'_>) -> Self {
        OwnedRecord {
            data: rec.bytes().to_vec(),
            ends: rec.ends().to_vec(),
            number: rec.number,
            line: rec.line,
            unclosed_quote: rec.unclosed_quote,
        }
    }

    /// The record, as the reader gave it.
    pub(super) fn record(&self) -> csv::Record<'_> {
        let mut rec = csv::Record::from_parts(&self.data, &self.ends, self.number).at_line(self.line);
        rec.unclosed_quote = self.unclosed_quote;
        rec
    }

    /// The cells as trimmed text without spreadsheet guards (`="…"`, `'`), invalid UTF-8 replaced.
    pub(super) fn cells(&self) -> Vec<String> {
        let rec = self.record();
        (0..rec.len())
            .map(|i| {
                values::strip_excel_guard(String::from_utf8_lossy(rec.get(i).unwrap_or_default()).trim())
                    .trim()
                    .to_owned()
            })
            .collect()
    }
}

/// What the first records of a file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Layout {
    /// One basket per record and no header ([`FileKind::Baskets`]).
    Baskets,
    /// The header is record `at` of the scan (an index, not a record number); the records above
    /// it are title lines.
    Header { at: usize, names: Vec<String> },
    /// No header row: every record is data, and the columns are `Column 1`, `Column 2`…
    NoHeader { names: Vec<String> },
}

/// Finds the header among the first records of a file (the first [`HEADER_SCAN_RECORDS`], or
/// all of a shorter file), in this order:
///
/// 1. the user's word: `baskets`; a basket-format file when the user gave neither roles nor a
///    header row and the records [`looks_like_baskets`]; `no_header`; `header_row` (a 1-based
///    line number, see [`csv::Record::line`]; the caller holds records until it arrives, and refuses a row the file does
///    not reach: see [`super::rows::RowState::settle_header`]);
/// 2. else the record naming the most roles ([`roles::detect_roles`]), the first on a tie;
/// 3. no record names a role exactly: the record, not data, whose cells hold header words
///    naming the most roles ([`lexicon::names_a_role`]), when at least two do
///    (`Kundennummer;Rechnung;Menge` below a title line);
/// 4. no record names a role and the first holds numbers or dates ([`looks_like_data`]): no
///    header. Otherwise the first record is the header (its unknown names are then guessed
///    from the values).
pub(super) fn find_header(scan: &[OwnedRecord], options: &FileOptions, decimal_comma: bool) -> Layout {
    let numbered = || {
        let width = scan.iter().map(|r| r.ends.len()).max().unwrap_or(0);
        Layout::NoHeader { names: (1..=width).map(|i| format!("Column {i}")).collect() }
    };
    if options.baskets || (options.roles.is_none() && options.header_row.is_none() && looks_like_baskets(scan)) {
        return Layout::Baskets;
    }
    if options.no_header {
        return numbered();
    }
    if let Some(row) = options.header_row {
        let at = scan.iter().position(|r| r.line == row).unwrap_or(0);
        return Layout::Header { at, names: scan.get(at).map(OwnedRecord::cells).unwrap_or_default() };
    }
    // The record naming the most roles; the first one on a tie.
    let head = &scan[..scan.len().min(HEADER_SCAN_RECORDS)];
    let mut best = (0usize, 0usize);
    for (i, r) in head.iter().enumerate().filter(|(_, r)| !r.unclosed_quote) {
        let found = roles::detect_roles(&r.cells()).iter().flatten().count();
        if found > best.1 {
            best = (i, found);
        }
    }
    if best.1 == 0 {
        // No exact name: the record (not data) whose cells hold words naming the most roles,
        // at least two (`Kundennummer;Rechnung;Menge`).
        let mut words = (0usize, 1usize);
        for (i, r) in head.iter().enumerate().filter(|(_, r)| !r.unclosed_quote) {
            let cells = r.cells();
            if looks_like_data(&cells, decimal_comma) {
                continue;
            }
            let found = cells.iter().filter(|c| lexicon::names_a_role(c)).count();
            if found > words.1 {
                words = (i, found);
            }
        }
        if words.1 >= 2 {
            return Layout::Header { at: words.0, names: scan[words.0].cells() };
        }
    }
    let first = scan.first().map(OwnedRecord::cells).unwrap_or_default();
    if best.1 == 0 && looks_like_data(&first, decimal_comma) {
        // No record names a role and the first one holds numbers or dates: no header.
        return numbered();
    }
    Layout::Header { at: best.0, names: scan.get(best.0).map(OwnedRecord::cells).unwrap_or_default() }
}

/// Guesses from the first data rows whether `,` is the decimal mark in the number columns:
/// `12,50` or `1.234,56` say yes, `12.50` or `1,234.56` say no; a tie says no.
pub(super) fn guess_decimal_comma(h: &Header, rows: impl Iterator<Item = Vec<String>>) -> bool {
    let (mut comma, mut point) = (0, 0);
    for row in rows {
        for i in [h.quantity, h.unit_price, h.amount].into_iter().flatten() {
            let Some(c) = row.get(i) else { continue };
            let c = c.trim_end_matches(|ch: char| !ch.is_ascii_digit());
            let last_sep = c.rfind([',', '.']);
            if let Some(at) = last_sep {
                let tail = c.len() - at - 1;
                match (&c[at..=at], tail) {
                    (",", 1 | 2) => comma += 1,
                    (".", 1 | 2) => point += 1,
                    (".", 3) if c[..at].contains(',') => point += 1,
                    (",", 3) if c[..at].contains('.') => comma += 1,
                    _ => {}
                }
            }
        }
    }
    comma > point
}

/// Whether a record looks like data rather than a header: at least half its non-empty cells
/// are numbers or dates.
pub(super) fn looks_like_data(cells: &[String], decimal_comma: bool) -> bool {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    let data = filled
        .iter()
        .filter(|c| {
            values::parse_number_with(c, decimal_comma).is_some()
                || !matches!(values::parse_date_cell(c), DateCell::Bad)
        })
        .count();
    !filled.is_empty() && data * 2 >= filled.len()
}

/// Whether the first records look like a basket-format file (arules' `groceries.csv`): no
/// record names any role, the records do not all have the same number of fields, and no cell
/// is a number or a date.
pub(super) fn looks_like_baskets(scan: &[OwnedRecord]) -> bool {
    let scan = &scan[..scan.len().min(HEADER_SCAN_RECORDS)];
    let widths = || scan.iter().map(|r| r.ends.len());
    if scan.len() < 2 || widths().min() == widths().max() {
        return false;
    }
    scan.iter().all(|r| {
        let c = r.cells();
        roles::detect_roles(&c).iter().all(Option::is_none)
            && c.iter().all(|v| {
                v.is_empty()
                    || (values::parse_number_with(v, false).is_none()
                        && matches!(values::parse_date_cell(v), DateCell::Bad))
            })
    })
}

/// Decides whether a bare `Cost` / `成本` column is a line cost or a unit cost from the first
/// data rows (see [`CostKind`]). A line cost is a steady share of the line amount whatever the
/// quantity; a unit cost is a steady share of the unit price. So over rows with a positive cost,
/// quantity and amount, the reading whose log ratio (cost ÷ amount, or cost ÷ unit price) varies
/// less wins. When the quantity never varies, a cost above the unit price can only be a line
/// cost; else it is read as a unit cost. No usable row says `Line`.
pub(super) fn guess_cost_kind(h: &Header, rows: impl Iterator<Item = Vec<String>>, decimal_comma: bool) -> CostKind {
    let Some(ci) = h.cost else { return CostKind::Line };
    let num = |row: &[String], i: Option<usize>| {
        i.and_then(|i| row.get(i)).and_then(|c| values::parse_number_with(c, decimal_comma))
    };
    let (mut vs_total, mut vs_unit, mut qs) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        let (Some(cost), Some(q)) = (num(&row, Some(ci)), num(&row, h.quantity)) else {
            continue;
        };
        let (cost, q) = (cost.abs(), q.abs());
        let total = num(&row, h.amount).map(f64::abs).or_else(|| num(&row, h.unit_price).map(|p| p.abs() * q));
        let Some(total) = total.filter(|t| *t > 0.0 && cost > 0.0 && q > 0.0) else {
            continue;
        };
        vs_total.push((cost / total).ln());
        vs_unit.push((cost * q / total).ln());
        qs.push(q);
    }
    if vs_total.is_empty() {
        return CostKind::Line;
    }
    let variance = |v: &[f64]| {
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
    };
    if qs.iter().any(|&q| q != qs[0]) {
        if variance(&vs_unit) < variance(&vs_total) {
            CostKind::PerUnit
        } else {
            CostKind::Line
        }
    } else if vs_unit[0] > 0.0 {
        CostKind::Line
    } else {
        CostKind::PerUnit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of a CSV text, as the reader hands them to the header finder.
    fn scan(text: &str) -> Vec<OwnedRecord> {
        let mut out = Vec::new();
        let mut reader = csv::RecordReader::new(b',');
        let mut keep = |r: &csv::Record<'_>| -> Result<(), ()> {
            out.push(OwnedRecord::new(r));
            Ok(())
        };
        assert!(reader.feed(text.as_bytes(), &mut keep).is_ok());
        assert!(reader.feed(b"", &mut keep).is_ok());
        out
    }

    fn names(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn header_below_title_lines() {
        let s = scan("销售明细表\n导出时间:2012-01-01 10:00\n订单编号,会员卡号,下单时间,数量,单价\n1001,VIP001,2012-01-01,2,9.90\n");
        let want = names(&["订单编号", "会员卡号", "下单时间", "数量", "单价"]);
        assert_eq!(find_header(&s, &FileOptions::default(), false), Layout::Header { at: 2, names: want });
        assert_eq!(s[3].cells(), names(&["1001", "VIP001", "2012-01-01", "2", "9.90"]));
    }

    #[test]
    fn the_record_naming_most_roles_wins() {
        // The first record names one role (`Date`), the second five.
        let s = scan("Date,exported\nInvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n536365,17850,2010-12-01 08:26,6,2.55\n");
        assert!(matches!(find_header(&s, &FileOptions::default(), false), Layout::Header { at: 1, .. }));
    }

    #[test]
    fn data_in_the_first_record_means_no_header() {
        let s = scan("17850,2010-12-01,15.30\n13047,2010-12-01,22.00\n");
        let want = Layout::NoHeader { names: names(&["Column 1", "Column 2", "Column 3"]) };
        assert_eq!(find_header(&s, &FileOptions::default(), false), want);
        // Names no role knows and no numbers: the first record is still the header (its roles
        // are then guessed from the values).
        let s = scan("alpha,beta\nx,y\nz,w\n");
        assert_eq!(
            find_header(&s, &FileOptions::default(), false),
            Layout::Header { at: 0, names: names(&["alpha", "beta"]) }
        );
    }

    #[test]
    fn baskets_are_found_or_forced() {
        let s =
            scan("citrus fruit,semi-finished bread,margarine,ready soups\ntropical fruit,yogurt,coffee\nwhole milk\n");
        assert_eq!(find_header(&s, &FileOptions::default(), false), Layout::Baskets);
        // The user's header row or roles overrule the guess.
        let options = FileOptions { header_row: Some(1), ..FileOptions::default() };
        assert!(matches!(find_header(&s, &options, false), Layout::Header { at: 0, .. }));
        // Equal widths and numeric items are not guessed as baskets, but can be forced.
        let s = scan("22423,85123A\n22720,22727\n");
        assert!(!looks_like_baskets(&s));
        let options = FileOptions { baskets: true, ..FileOptions::default() };
        assert_eq!(find_header(&s, &options, false), Layout::Baskets);
    }

    #[test]
    fn users_header_row_and_no_header() {
        let s = scan("note\nOrder,Customer,Date,Amount\n1,c1,2024-01-01,5\n");
        let options = FileOptions { header_row: Some(2), ..FileOptions::default() };
        assert!(matches!(find_header(&s, &options, false), Layout::Header { at: 1, .. }));
        let options = FileOptions { no_header: true, ..FileOptions::default() };
        assert_eq!(
            find_header(&s, &options, false),
            Layout::NoHeader { names: names(&["Column 1", "Column 2", "Column 3", "Column 4"]) }
        );
    }

    #[test]
    fn header_roles_and_kinds() {
        let h = Header::new(
            "t.csv",
            1,
            names(&["Order", "Customer", "Date", "Qty", "Amount", "Cost", "Gender"]),
            None,
            &[],
            false,
        )
        .unwrap();
        assert_eq!(
            (h.kind, h.customer, h.datetime, h.order, h.quantity, h.amount),
            (FileKind::Sales, Some(1), Some(2), Some(0), Some(3), Some(4))
        );
        assert_eq!((h.cost, h.cost_kind), (Some(5), CostKind::Unknown));
        assert_eq!(h.attributes, vec![(AttributeKind::Gender, 6)]);
        assert_eq!(h.max_required, 4);
        // A customer id with attributes and no date or money: a customer-attributes file.
        let h = Header::new("c.csv", 1, names(&["会员卡号", "性别", "城市"]), None, &[], false).unwrap();
        assert_eq!(h.kind, FileKind::Customers);
        // No money at all in a sales file: read, unpriced.
        let h = Header::new("m.csv", 3, names(&["Customer", "Date", "Qty"]), None, &[], false).unwrap();
        assert!(h.unpriced && h.kind == FileKind::Sales);
        // No customer id: read (guest lines); no date: read when order ids and items say the
        // baskets, else the date is missing.
        let h = Header::new("b.csv", 1, names(&["Transaction", "Item"]), None, &[], false).unwrap();
        assert_eq!((h.customer, h.datetime, h.order, h.unpriced), (None, None, Some(0), true));
        let e = Header::new("a.csv", 2, names(&["Customer", "Amount"]), None, &[], false).unwrap_err();
        assert!(matches!(e, IngestError::MissingRole { role: Role::Datetime, row: 2, .. }), "{e:?}");
        // An address column gives the province as the region.
        let h = Header::new("o.csv", 1, names(&["订单编号", "收货地址", "订单创建时间", "实付金额"]), None, &[], false)
            .unwrap();
        assert_eq!((h.region, h.region_is_address), (Some(1), true));
    }

    #[test]
    fn a_missing_role_names_its_best_candidate() {
        // The user's mapping left the date out (a customer id and money are optional, a date is
        // not): the column whose values are dates is named as the best candidate.
        let samples: Vec<Vec<String>> = [
            &["K-001", "K-002", "K-003"][..],
            &["2024-01-05", "2024-01-06", "2024-02-01"],
            &["Tasse", "Teller", "Kanne"],
            &["12.50", "3.99", "24.00"],
        ]
        .iter()
        .map(|v| names(v))
        .collect();
        let user = [Some(Role::CustomerId), None, Some(Role::ProductName), Some(Role::Amount)];
        let header = names(&["Kunde", "Wann", "Artikel", "Betrag"]);
        let e = Header::new("de.csv", 1, header.clone(), Some(&user), &samples, false).unwrap_err();
        let IngestError::MissingRole { role, columns, candidate, .. } = &e else { panic!("{e:?}") };
        assert_eq!((*role, candidate.as_deref()), (Role::Datetime, Some("Wann")));
        let shown: Vec<(&str, Option<Role>, f64)> =
            columns.iter().map(|c| (c.name.as_str(), c.guess, c.confidence)).collect();
        // The user's roles are kept (confidence 0: set by the user); the date is a value guess.
        assert_eq!(shown[0], ("Kunde", Some(Role::CustomerId), 0.0));
        assert_eq!(shown[1], ("Wann", Some(Role::Datetime), 0.5));
        assert_eq!(columns[1].samples, ["2024-01-05", "2024-01-06", "2024-02-01"]);
        assert!(e.to_string().contains("the best candidate is `Wann`"), "{e}");
        assert_eq!(e.params()["candidate"], "Wann");
        assert_eq!(e.params()["columns"][1]["guess"], "datetime");
        // No column's values are dates: no candidate.
        let samples = [samples[0].clone(), samples[2].clone(), samples[2].clone(), samples[3].clone()];
        let e = Header::new("m.csv", 1, header, Some(&user), &samples, false).unwrap_err();
        assert!(matches!(e, IngestError::MissingRole { role: Role::Datetime, candidate: None, .. }), "{e:?}");
    }

    #[test]
    fn decimal_comma_from_the_number_columns() {
        let h = Header::new("t.csv", 1, names(&["Customer", "Date", "Qty", "Amount"]), None, &[], false).unwrap();
        let rows = |cells: &[[&str; 4]]| cells.iter().map(|r| names(r)).collect::<Vec<_>>().into_iter();
        assert!(guess_decimal_comma(&h, rows(&[["c", "d", "1", "12,50"], ["c", "d", "2", "1.234,56"]])));
        assert!(!guess_decimal_comma(&h, rows(&[["c", "d", "1", "12.50"], ["c", "d", "2", "1,234.56"]])));
        // A tie says no.
        assert!(!guess_decimal_comma(&h, rows(&[["c", "d", "1", "12,50"], ["c", "d", "2", "3.25"]])));
    }

    #[test]
    fn bare_cost_column_read_from_the_rows() {
        let h =
            Header::new("t.csv", 1, names(&["Order", "Customer", "Date", "Qty", "Amount", "Cost"]), None, &[], false)
                .unwrap();
        let rows = |cells: &[[&str; 6]]| cells.iter().map(|r| names(r)).collect::<Vec<_>>().into_iter();
        // The quantity varies: 4 a unit whatever the quantity is a steady share of the unit price.
        let unit = [["1", "c", "d", "3", "24", "4"], ["2", "c", "d", "2", "16", "4"], ["3", "c", "d", "5", "40", "4"]];
        assert_eq!(guess_cost_kind(&h, rows(&unit), false), CostKind::PerUnit);
        // Half the amount whatever the quantity: a line cost.
        let line =
            [["1", "c", "d", "3", "24", "12"], ["2", "c", "d", "2", "16", "8"], ["3", "c", "d", "5", "40", "20"]];
        assert_eq!(guess_cost_kind(&h, rows(&line), false), CostKind::Line);
        // One quantity: a cost above the unit price (10) can only be a line cost.
        assert_eq!(guess_cost_kind(&h, rows(&[["1", "c", "d", "3", "30", "20"]]), false), CostKind::Line);
        assert_eq!(guess_cost_kind(&h, rows(&[["1", "c", "d", "3", "30", "4"]]), false), CostKind::PerUnit);
        // No usable row.
        assert_eq!(guess_cost_kind(&h, rows(&[["1", "c", "d", "3", "30", ""]]), false), CostKind::Line);
    }
}
