//! The retail word lists: what the words in a file's names and cells mean for its rows.
//!
//! - a totals row ([`is_total`]: `合计`, `Total`…), dropped as `total_row`;
//! - a status cell ([`classify_status`]: `退货`, `SELL_RETURN`, `refunded`, `交易关闭`…), which
//!   makes a row a return, adds a refund, or drops an unpaid or cancelled order;
//! - how a discount or cost column reads by its name ([`DiscountKind`], [`CostKind`]);
//! - a cancellation invoice (`C536379`, [`is_cancellation_id`]) and a masked customer id
//!   (`138****5678`, [`is_masked`]).
//!
//! The column roles' own synonyms are in [`roles`](super::roles).

use super::roles;

/// How a discount column is read. The line's discount is money off the line, ≥ 0 on a purchase:
///
/// - `Line` (the default: `优惠金额`, `Discount Amount`, `Lineitem discount`): the cell is the money
///   off the whole line;
/// - `PerUnit` (`单位优惠`, `Unit Discount`): the cell × |quantity|;
/// - `Rate` (`折扣率`, `Discount Rate`, or any cell ending in `%`): a fraction of the list value
///   (`0.15` or `15%`; a number above 1 is read as a percentage), so the money off is
///   rate × |quantity| × unit price, or, without a unit price, amount × rate / (1 − rate) since
///   the amount is what was paid after the discount.
///
/// The cell's sign is ignored: the discount takes the sign of the line (negative on returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DiscountKind {
    Line,
    PerUnit,
    Rate,
}

/// How a cost column is read. The line's cost is the cost of the goods on the line:
///
/// - `Line` (`成本金额`, `Cost Total`, `COGS`, `Total Cost`): the cell is the line's cost;
/// - `PerUnit` (`单位成本`, `成本价`, `进价`, `Unit Cost`, `Cost Price`): the cell × |quantity|.
///
/// A bare `Cost` / `成本` is `Unknown` here and decided from the first data rows by
/// [`guess_cost_kind`](super::header::guess_cost_kind): a line cost is a steady share of the line
/// amount whatever the quantity, a unit cost a steady share of the unit price. Over the rows
/// with a positive cost, quantity and amount, when the quantity varies the reading whose log
/// ratio (cost ÷ amount, or cost ÷ unit price) varies less wins, a tie saying `Line`; when every
/// such row has the same quantity, a cost above the unit price can only be a line cost, and
/// anything else is read as a unit cost. No usable row says `Line`. The cost takes the sign of
/// the line (negative on returns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CostKind {
    Line,
    PerUnit,
    /// Not said by the header: decided from the rows when the header is settled.
    Unknown,
}

impl DiscountKind {
    /// The reading the column's name says.
    pub(super) fn from_header(name: &str) -> DiscountKind {
        let n = roles::normalize_header(name);
        if n.contains("rate") || n.contains("percent") || n.contains('%') || n.contains('率') {
            DiscountKind::Rate
        } else if n.contains("unit")
            || n.contains("单位")
            || n.contains("单件")
            || n.contains("每件")
            || n.contains("peritem")
        {
            DiscountKind::PerUnit
        } else {
            DiscountKind::Line
        }
    }
}

impl CostKind {
    /// The reading the column's name says.
    pub(super) fn from_header(name: &str) -> CostKind {
        let n = roles::normalize_header(name);
        if n.contains("unit")
            || n.contains("price")
            || n.contains("单位")
            || n.contains('价')
            || n.contains("peritem")
            || n.contains("单件")
        {
            CostKind::PerUnit
        } else if n.contains("total")
            || n.contains("cogs")
            || n.contains("金额")
            || n.contains("amount")
            || n.contains("line")
            || n.contains("總")
            || n.contains('总')
        {
            CostKind::Line
        } else {
            CostKind::Unknown
        }
    }
}

/// Words that mark a totals row, as [`roles::normalize_header`] writes them.
const TOTAL_WORDS: [&str; 9] = ["合计", "总计", "合計", "總計", "小计", "total", "totals", "grandtotal", "subtotal"];

/// The longest of [`TOTAL_WORDS`] in characters (`grandtotal`).
const TOTAL_WORD_MAX_CHARS: usize = 10;

/// Whether a cell marks a totals row (`合计`, `總計：`, `Total`, `Grand Total:`, `SUB-TOTAL`): once
/// normalised as a header name ([`roles::normalize_header`]: lower case, no spaces, no `_ - . # / ( )`)
/// and stripped of trailing colons (`:` or `：`), it is one of [`TOTAL_WORDS`]. The one test for
/// every kind of file; it runs on up to three cells of every row, so it compares the characters
/// as they stream, allocates nothing, and stops at the first character no word starts with.
pub(super) fn is_total(cell: &str) -> bool {
    let mut word = ['\0'; TOTAL_WORD_MAX_CHARS];
    let mut n = 0;
    for c in cell.chars().filter(|&c| roles::kept_in_header(c)).flat_map(char::to_lowercase) {
        if n == 0 && !matches!(c, '合' | '总' | '總' | '小' | 't' | 'g' | 's') {
            return false;
        }
        if n < TOTAL_WORD_MAX_CHARS {
            word[n] = c;
            n += 1;
        } else if !matches!(c, ':' | '：') {
            // Longer than any word, and not a trailing colon.
            return false;
        }
    }
    while n > 0 && matches!(word[n - 1], ':' | '：') {
        n -= 1;
    }
    TOTAL_WORDS.iter().any(|w| w.chars().eq(word[..n].iter().copied()))
}

/// What a status cell says about the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    Normal,
    /// A return document (POS `退货`, `SELL_RETURN`, Square `Refund` event): the row is a return.
    ReturnDocument,
    /// The sale was refunded afterwards (in full unless a refund amount says otherwise).
    Refunded,
    /// Partly refunded: the refund amount column says how much.
    PartlyRefunded,
    /// Cancelled, closed or never paid: not a sale.
    NotASale,
}

/// The class of a status cell (Taobao/Tmall, Shopify, Square and POS wordings).
pub(super) fn classify_status(cell: &str) -> Status {
    let s = cell.trim().to_lowercase();
    if s.is_empty() || s == "-" {
        return Status::Normal;
    }
    if s.contains("partially_refunded") || s.contains("partially refunded") || s.contains("部分退款") {
        Status::PartlyRefunded
    } else if s == "refund"
        || s.contains("sell_return")
        || s == "return"
        || s.contains("退货")
        || s.contains("退貨")
        || s == "退单"
    {
        Status::ReturnDocument
    } else if s.contains("refunded") || s.contains("退款成功") || s.contains("已退款") || s.contains("全额退款")
    {
        Status::Refunded
    } else if s.contains("cancel")
        || s.contains("voided")
        || s.contains("交易关闭")
        || s.contains("已关闭")
        || s.contains("已取消")
        || s.contains("等待买家付款")
        || s.contains("待付款")
        || s.contains("未付款")
        || s.contains("交易關閉")
    {
        Status::NotASale
    } else {
        Status::Normal
    }
}

/// An id with a run of `*` in it: a masked phone or nickname.
pub(super) fn is_masked(id: &str) -> bool {
    id.as_bytes().windows(2).any(|w| w == b"**")
}

/// Whether an order id marks a cancellation: `C` (or `c`) followed by digits only.
pub(super) fn is_cancellation_id(order: &str) -> bool {
    let b = order.as_bytes();
    matches!(b.first(), Some(b'C' | b'c')) && b.len() > 1 && b[1..].iter().all(u8::is_ascii_digit)
}

/// The provinces of China by short name, with the suffix their full name takes.
const PROVINCES: [(&str, &str); 34] = [
    ("北京", "北京市"),
    ("天津", "天津市"),
    ("上海", "上海市"),
    ("重庆", "重庆市"),
    ("河北", "河北省"),
    ("山西", "山西省"),
    ("辽宁", "辽宁省"),
    ("吉林", "吉林省"),
    ("黑龙江", "黑龙江省"),
    ("江苏", "江苏省"),
    ("浙江", "浙江省"),
    ("安徽", "安徽省"),
    ("福建", "福建省"),
    ("江西", "江西省"),
    ("山东", "山东省"),
    ("河南", "河南省"),
    ("湖北", "湖北省"),
    ("湖南", "湖南省"),
    ("广东", "广东省"),
    ("海南", "海南省"),
    ("四川", "四川省"),
    ("贵州", "贵州省"),
    ("云南", "云南省"),
    ("陕西", "陕西省"),
    ("甘肃", "甘肃省"),
    ("青海", "青海省"),
    ("台湾", "台湾省"),
    ("内蒙古", "内蒙古自治区"),
    ("广西", "广西壮族自治区"),
    ("西藏", "西藏自治区"),
    ("宁夏", "宁夏回族自治区"),
    ("新疆", "新疆维吾尔自治区"),
    ("香港", "香港特别行政区"),
    ("澳门", "澳门特别行政区"),
];

/// The province at the start of a Chinese postal address, by its full name: `浙江省 杭州市
/// 西湖区 …` and `浙江 杭州市 …` → `浙江省`; `广东省广州市天河区…` → `广东省`; `广西壮族自治区南宁市…` →
/// `广西壮族自治区`; the municipalities (`北京 北京市 朝阳区`, `上海市浦东新区…`) → `北京市`,
/// `上海市`. `None` when the address does not start with a province (an address abroad).
///
/// ```ignore
/// assert_eq!(province_of_address("浙江省 杭州市 西湖区 文三路"), Some("浙江省"));
/// ```
pub(super) fn province_of_address(address: &str) -> Option<&'static str> {
    let a = address.trim_start_matches(|c: char| c.is_whitespace() || c == '中' || c == '国');
    PROVINCES.iter().find(|(short, _)| a.starts_with(short)).map(|&(_, full)| full)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition [`is_total`] streams: normalise, cut trailing colons, compare.
    fn is_total_slow(cell: &str) -> bool {
        let n = roles::normalize_header(cell);
        TOTAL_WORDS.contains(&n.trim_end_matches([':', '：']))
    }

    #[test]
    fn totals_rows_in_both_languages() {
        for cell in [
            "合计",
            "总计",
            "合計",
            "總計",
            "小计",
            "Total",
            "TOTAL",
            "Totals",
            "Grand Total",
            "grand_total",
            "SUB-TOTAL",
            "Subtotal:",
            "合计：",
            " 总计 ",
            "(Total)",
            "#total",
            "Total::::::::::::",
            "Grand Total :",
        ] {
            assert!(is_total(cell), "{cell:?}");
            assert!(is_total_slow(cell), "{cell:?}");
        }
        for cell in [
            "",
            "-",
            "536365",
            "17850",
            "Tote bag",
            "total price",
            "Totally",
            "Grand",
            "合计金额",
            "Subtotal 2",
            "t",
            "s",
            ":total",
            "grandtotal:x",
            "GrandTotalX",
            "小",
            "合",
            "Stock",
        ] {
            assert!(!is_total(cell), "{cell:?}");
        }
    }

    #[test]
    fn is_total_streams_the_normalised_comparison() {
        // Every word, cut and extended, cased, spaced and punctuated the ways exports do it.
        let mut cells: Vec<String> = Vec::new();
        for w in TOTAL_WORDS {
            let chars: Vec<char> = w.chars().collect();
            for k in 0..=chars.len() {
                let cut: String = chars[..k].iter().collect();
                cells.push(cut.clone());
                cells.push(cut.to_uppercase());
            }
            for extra in ["", ":", "：", "::", " :", "s", "x", "_", "-1", ":::::::::::::::", "1"] {
                cells.push(format!("{w}{extra}"));
                cells.push(format!("  {}{extra} ", w.to_uppercase()));
                cells.push(format!("({w}){extra}"));
                cells.push(format!("{extra}{w}"));
            }
        }
        cells.extend(
            ["Ｔotal", "ＴＯＴＡＬ", "ſubtotal", "\u{feff}Total", "To tal", "T.o.t.a.l", "grand-total:", "İtotal"]
                .map(String::from),
        );
        for c in &cells {
            assert_eq!(is_total(c), is_total_slow(c), "{c:?}");
        }
        assert!(cells.iter().filter(|c| is_total(c)).count() > 100);
    }

    #[test]
    fn status_words() {
        assert_eq!(classify_status(""), Status::Normal);
        assert_eq!(classify_status("交易成功"), Status::Normal);
        assert_eq!(classify_status("SELL_RETURN"), Status::ReturnDocument);
        assert_eq!(classify_status("退货"), Status::ReturnDocument);
        assert_eq!(classify_status("Refund"), Status::ReturnDocument);
        assert_eq!(classify_status("refunded"), Status::Refunded);
        assert_eq!(classify_status("退款成功"), Status::Refunded);
        assert_eq!(classify_status("partially_refunded"), Status::PartlyRefunded);
        assert_eq!(classify_status("交易关闭"), Status::NotASale);
        assert_eq!(classify_status("Cancelled"), Status::NotASale);
        assert_eq!(classify_status("等待买家付款"), Status::NotASale);
    }

    #[test]
    fn provinces_from_addresses() {
        for (address, want) in [
            ("浙江省 杭州市 西湖区 文三路 100号", Some("浙江省")),
            ("广东省广州市天河区体育西路1号", Some("广东省")),
            ("浙江 杭州市 滨江区", Some("浙江省")),
            ("北京 北京市 朝阳区 建国路", Some("北京市")),
            ("上海市浦东新区世纪大道8号", Some("上海市")),
            ("广西壮族自治区南宁市青秀区", Some("广西壮族自治区")),
            ("内蒙古自治区 呼和浩特市", Some("内蒙古自治区")),
            ("中国 四川省 成都市", Some("四川省")),
            ("12 High Street, London", None),
            ("", None),
        ] {
            assert_eq!(province_of_address(address), want, "{address}");
        }
    }

    #[test]
    fn discount_and_cost_column_names() {
        assert_eq!(DiscountKind::from_header("优惠金额"), DiscountKind::Line);
        assert_eq!(DiscountKind::from_header("Lineitem discount"), DiscountKind::Line);
        assert_eq!(DiscountKind::from_header("单位优惠"), DiscountKind::PerUnit);
        assert_eq!(DiscountKind::from_header("Discount Rate"), DiscountKind::Rate);
        assert_eq!(DiscountKind::from_header("折扣率"), DiscountKind::Rate);
        assert_eq!(CostKind::from_header("成本金额"), CostKind::Line);
        assert_eq!(CostKind::from_header("COGS"), CostKind::Line);
        assert_eq!(CostKind::from_header("Total Cost"), CostKind::Line);
        assert_eq!(CostKind::from_header("单位成本"), CostKind::PerUnit);
        assert_eq!(CostKind::from_header("进价"), CostKind::PerUnit);
        assert_eq!(CostKind::from_header("Cost Price"), CostKind::PerUnit);
        assert_eq!(CostKind::from_header("Cost"), CostKind::Unknown);
        assert_eq!(CostKind::from_header("成本"), CostKind::Unknown);
    }

    #[test]
    fn cancellations_and_masked_ids() {
        assert!(is_cancellation_id("C536379"));
        assert!(is_cancellation_id("c1"));
        assert!(!is_cancellation_id("C"));
        assert!(!is_cancellation_id("CA123"));
        assert!(!is_cancellation_id("536379"));
        assert!(is_masked("138****5678"));
        assert!(is_masked("t**y"));
        assert!(!is_masked("a*b"));
        assert!(!is_masked("17850"));
    }
}
