//! Column roles: which column holds the customer id, the order id, the date and so on.
//!
//! Two readings, combined by [`assign`]:
//!
//! - exact names ([`detect_roles`]): a header name is normalised (lower case, with spaces, `_`,
//!   `-`, `.`, `#`, `/` and brackets removed) and looked up in a table of synonyms in English,
//!   simplified and traditional Chinese. Each role takes the first column, in the order of its
//!   synonym list (most specific first), that no other role has taken. Roles are assigned in the
//!   order of [`Role::ALL`]. A known name wins (confidence 1) unless the values veto it;
//! - header words in 12 languages (the `lexicon` tables: `member_number`, `Kundennummer`,
//!   `N° client`, `注文番号`) and the first data rows' values (dates, codes, counts, money, and
//!   `amount = quantity × unit price`), one score per (column, role), for everything the exact
//!   names leave open.

use crate::sort;
use serde::{Deserialize, Serialize};

/// What a column means to the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    OrderId,
    CustomerId,
    Datetime,
    ProductId,
    ProductName,
    Category,
    Quantity,
    UnitPrice,
    Amount,
    /// Discount given on the line (a positive amount off).
    Discount,
    /// Cost of the goods on the line (or unit cost), for margins.
    Cost,
    /// Order or line status (`refunded`, `交易关闭`...).
    Status,
    /// Amount refunded on the row.
    RefundAmount,
    Region,
    City,
    Store,
    Gender,
    /// Age, age band or birthday.
    Age,
    MemberLevel,
    JoinDate,
    /// When an order was paid, beside its creation time (order-level exports: `订单付款时间`,
    /// `Paid Time`); an empty cell is an unpaid order.
    PaidTime,
    /// Credit level or rating of the customer (`信用等级`, `Credit Rating`): an optional class.
    Credit,
    /// Customer satisfaction, a score or a label (`满意度`, `CSAT`): an optional class.
    Satisfaction,
}

impl Role {
    /// Every role, in the order they are assigned.
    pub const ALL: [Role; 23] = [
        Role::OrderId,
        Role::CustomerId,
        Role::JoinDate,
        Role::Datetime,
        Role::PaidTime,
        Role::ProductId,
        Role::ProductName,
        Role::Category,
        Role::Quantity,
        Role::UnitPrice,
        Role::RefundAmount,
        Role::Discount,
        Role::Cost,
        Role::Amount,
        Role::Status,
        Role::City,
        Role::Region,
        Role::Store,
        Role::Gender,
        Role::Age,
        Role::MemberLevel,
        Role::Credit,
        Role::Satisfaction,
    ];

    /// The role's English name, as used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Role::OrderId => "order id",
            Role::CustomerId => "customer id",
            Role::Datetime => "date and time",
            Role::ProductId => "product id",
            Role::ProductName => "product name",
            Role::Category => "category",
            Role::Quantity => "quantity",
            Role::UnitPrice => "unit price",
            Role::Amount => "line amount (or quantity and unit price)",
            Role::Region => "region",
            Role::Store => "store or channel",
            Role::Discount => "discount",
            Role::Cost => "cost",
            Role::Status => "order status",
            Role::RefundAmount => "refund amount",
            Role::City => "city",
            Role::Gender => "gender",
            Role::Age => "age or birthday",
            Role::MemberLevel => "member level",
            Role::JoinDate => "join date",
            Role::PaidTime => "payment time",
            Role::Credit => "credit level",
            Role::Satisfaction => "satisfaction",
        }
    }

    /// Two header names that would be recognised, for messages.
    pub fn examples(self) -> &'static str {
        match self {
            Role::OrderId => "\"InvoiceNo\" or \"订单编号\"",
            Role::CustomerId => "\"CustomerID\" or \"会员卡号\"",
            Role::Datetime => "\"InvoiceDate\" or \"下单时间\"",
            Role::ProductId => "\"StockCode\" or \"商品编码\"",
            Role::ProductName => "\"Description\" or \"商品名称\"",
            Role::Category => "\"Category\" or \"品类\"",
            Role::Quantity => "\"Quantity\" or \"数量\"",
            Role::UnitPrice => "\"UnitPrice\" or \"单价\"",
            Role::Amount => "\"Amount\" or \"实收金额\"",
            Role::Region => "\"Country\" or \"地区\"",
            Role::Store => "\"Store\" or \"门店\"",
            Role::Discount => "\"Discount Amount\" or \"优惠金额\"",
            Role::Cost => "\"Cost\" or \"成本\"",
            Role::Status => "\"Financial Status\" or \"订单状态\"",
            Role::RefundAmount => "\"Refunded Amount\" or \"退款金额\"",
            Role::City => "\"City\" or \"城市\"",
            Role::Gender => "\"Gender\" or \"性别\"",
            Role::Age => "\"Age\" or \"生日\"",
            Role::MemberLevel => "\"Member Level\" or \"会员等级\"",
            Role::JoinDate => "\"Join Date\" or \"注册时间\"",
            Role::PaidTime => "\"Paid Time\" or \"订单付款时间\"",
            Role::Credit => "\"Credit Rating\" or \"信用等级\"",
            Role::Satisfaction => "\"Satisfaction\" or \"满意度\"",
        }
    }

    /// Normalised header synonyms, most specific first.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Role::OrderId => &[
                "invoiceno",
                "invoicenumber",
                "invoiceid",
                "invoice",
                "orderid",
                "orderno",
                "ordernumber",
                "order",
                "receiptno",
                "receiptnumber",
                "receiptid",
                "transactionid",
                "transaction",
                "receipt",
                "ticketno",
                "订单编号",
                "订单号",
                "订单id",
                "小票号",
                "单据号",
                "交易号",
                "流水号",
                "訂單編號",
                "訂單號",
                "主订单编号",
                "子订单编号",
                "单号",
                "ordernumber",
                "amazonorderid",
                "orderid",
                "外部订单号",
                "receiptnumber",
                "單號",
            ],
            Role::CustomerId => &[
                "customerid",
                "customerno",
                "customernumber",
                "customercode",
                "clientid",
                "memberid",
                "memberno",
                "membernumber",
                "buyerid",
                "userid",
                "customer",
                "客户id",
                "客户编号",
                "客户号",
                "会员卡号",
                "会员号",
                "会员id",
                "会员编号",
                "社保卡号",
                "买家会员名",
                "买家id",
                "顾客id",
                "顾客编号",
                "用户id",
                "客戶編號",
                "會員卡號",
                "會員編號",
                "buyeruserid",
                "buyer",
                "下单帐号",
                "下单账号",
                "买家昵称",
                "买家账号",
                "客户名称",
                "顾客",
                "email",
                "emailbilling",
                "customeremail",
                "billingemail",
                "emailaddress",
                "billingemailaddress",
                "customeremailaddress",
                "买家手机号",
                "手机号",
                "会员手机号",
                "手机",
                "联系电话",
                "phone",
                "billingphone",
                "customername",
                "客户姓名",
                "会员姓名",
                "客户",
            ],
            Role::Datetime => &[
                "invoicedate",
                "orderdate",
                "transactiondate",
                "purchasedate",
                "saledate",
                "datetime",
                "createdat",
                "createdtime",
                "paidat",
                "date",
                "timestamp",
                "time",
                "下单时间",
                "订单创建时间",
                "创建时间",
                "付款时间",
                "购药时间",
                "交易时间",
                "销售时间",
                "消费时间",
                "日期",
                "时间",
                "下單時間",
                "交易時間",
                "日期時間",
                "订单提交时间",
                "订单成交时间",
                "支付时间",
                "订单付款时间",
                "买家付款时间",
                "开单时间",
                "成交日期",
                "销售日期",
                "单据日期",
                "purchasedate",
                "orderdatetime",
                "createddate",
                "salesdate",
                "day",
            ],
            Role::ProductId => &[
                "stockcode",
                "sku",
                "productid",
                "productcode",
                "itemid",
                "itemcode",
                "lineitemsku",
                "barcode",
                "商品编码",
                "商品编号",
                "商品id",
                "货号",
                "商家编码",
                "商品編號",
                "條碼",
                "商品条码",
                "条码",
                "sku编码",
                "规格编码",
                "宝贝id",
                "商品代码",
                "asin",
                "productsku",
                "itemsku",
                "upc",
                "ean",
            ],
            Role::ProductName => &[
                "description",
                "productname",
                "itemname",
                "lineitemname",
                "product",
                "item",
                "商品名称",
                "宝贝标题",
                "商品标题",
                "品名",
                "商品",
                "药品名称",
                "商品名稱",
                "菜品名称",
                "菜名",
                "标题",
                "宝贝名称",
                "商品全称",
                "productname",
                "itemdescription",
                "productdescription",
                "producttitle",
                "title",
            ],
            Role::Category => &[
                "category",
                "productcategory",
                "department",
                "producttype",
                "品类",
                "类别",
                "分类",
                "商品类别",
                "商品分类",
                "菜品分类",
                "一级类别",
                "一级商品类别",
                "大类",
                "類別",
                "類目",
                "类目",
            ],
            Role::Quantity => &[
                "quantity",
                "qty",
                "lineitemquantity",
                "units",
                "数量",
                "销售数量",
                "购买数量",
                "宝贝数量",
                "商品数量",
                "數量",
                "quantitypurchased",
                "itemssold",
                "件数",
                "商品件数",
                "成交数量",
                "订购数量",
                "宝贝总数量",
                "销量",
                "商品数量件",
            ],
            Role::UnitPrice => &[
                "unitprice",
                "price",
                "lineitemprice",
                "itemprice",
                "itemcost",
                "salesprice",
                "单价",
                "销售单价",
                "商品单价",
                "成交价",
                "零售价",
                "价格",
                "售价",
                "單價",
            ],
            Role::Amount => &[
                "paidamount",
                "amount",
                "lineamount",
                "linetotal",
                "ordertotalamount",
                "ordertotal",
                "total",
                "netsales",
                "sales",
                "revenue",
                "subtotal",
                "itemtotal",
                "实收金额",
                "买家实际支付金额",
                "实付金额",
                "实付款",
                "应收金额",
                "销售金额",
                "成交金额",
                "商品实际成交金额",
                "小计",
                "金额",
                "总金额",
                "订单金额",
                "消费金额",
                "實收金額",
                "金額",
            ],
            Role::Region => &[
                "country",
                "region",
                "province",
                "state",
                "billingprovince",
                "billingcountry",
                "shippingprovince",
                "shipstate",
                "国家",
                "地区",
                "省份",
                "省",
                "收货人省份",
                "收货地址",
                "地址",
                "address",
                "shippingaddress",
                "区域",
                "國家",
                "地區",
            ],
            Role::City => {
                &["city", "billingcity", "shippingcity", "town", "城市", "所在城市", "收货人城市", "市", "城市名称"]
            }
            Role::Store => &[
                "store",
                "channel",
                "shop",
                "location",
                "source",
                "saleschannel",
                "storename",
                "门店",
                "门店名称",
                "渠道",
                "店铺",
                "店铺名称",
                "订单来源",
                "订单渠道",
                "門市",
                "通路",
            ],
            Role::Discount => &[
                "discount",
                "discountamount",
                "lineitemdiscount",
                "discounts",
                "优惠金额",
                "折扣金额",
                "优惠",
                "折扣",
                "优惠总金额",
                "店铺优惠",
                "商家优惠",
                "優惠金額",
                "discountrate",
                "discountpercent",
                "折扣率",
                "单位优惠",
                "unitdiscount",
            ],
            Role::Cost => &[
                "cost",
                "unitcost",
                "costprice",
                "cogs",
                "成本",
                "成本价",
                "商品成本价",
                "进价",
                "成本金额",
                "单位成本",
                "costtotal",
                "totalcost",
                "linecost",
                "成本总额",
                "商品成本",
                "成本價",
                "成本金額",
            ],
            Role::Status => &[
                "financialstatus",
                "orderstatus",
                "status",
                "itemstatus",
                "eventtype",
                "transactionstatus",
                "订单状态",
                "交易状态",
                "单据类型",
                "退款状态",
                "售后状态",
                "訂單狀態",
            ],
            Role::RefundAmount => &[
                "refundedamount",
                "refundamount",
                "orderrefundamount",
                "totalrefunded",
                "refund",
                "退款金额",
                "退货金额",
                "订单已退款金额",
                "商品已退款金额",
                "退款金額",
            ],
            Role::Gender => &["gender", "sex", "性别", "性別"],
            Role::Age => &[
                "age",
                "ageband",
                "agegroup",
                "birthday",
                "birthdate",
                "dateofbirth",
                "年龄",
                "年龄段",
                "生日",
                "出生日期",
                "年齡",
            ],
            Role::MemberLevel => &[
                "memberlevel",
                "membershiplevel",
                "membertier",
                "membershiptier",
                "viplevel",
                "viptier",
                "vipgrade",
                "loyaltylevel",
                "customertier",
                "tier",
                "loyaltytier",
                "会员等级",
                "会员级别",
                "会员层级",
                "vip等级",
                "vip级别",
                "等级",
                "會員等級",
                "會員級別",
            ],
            Role::Credit => &[
                "creditlevel",
                "creditrating",
                "creditgrade",
                "creditscore",
                "creditclass",
                "credit",
                "信用等级",
                "信用评级",
                "信用级别",
                "信用评分",
                "信用分",
                "信用",
                "信用等級",
                "信用評級",
            ],
            Role::Satisfaction => &[
                "satisfaction",
                "satisfactionscore",
                "satisfactionlevel",
                "satisfactionrating",
                "customersatisfaction",
                "csat",
                "满意度",
                "满意度评分",
                "客户满意度",
                "顾客满意度",
                "满意程度",
                "滿意度",
                "客戶滿意度",
            ],
            Role::JoinDate => &[
                "joindate",
                "signupdate",
                "registrationdate",
                "membersince",
                "注册时间",
                "注册日期",
                "入会时间",
                "开卡时间",
                "入会日期",
                "註冊時間",
            ],
            // Not Shopify's `Paid at`: it is filled on an order's first line only, so an empty
            // cell there is not an unpaid order.
            Role::PaidTime => {
                &["paidtime", "paymenttime", "paymentdate", "订单付款时间", "买家付款时间", "付款时间", "支付时间"]
            }
        }
    }
}

/// Normalises a header cell for synonym lookup: trims it, lower-cases it and drops spaces and
/// punctuation (`_ - . # / ( ) （ ）`). Real Tmall exports have `收货地址 ` with a trailing space.
///
/// ```
/// use clientele::ingest::roles::normalize_header;
/// assert_eq!(normalize_header(" Customer ID "), "customerid");
/// assert_eq!(normalize_header("Lineitem_quantity"), "lineitemquantity");
/// assert_eq!(normalize_header("订单编号 "), "订单编号");
/// ```
pub fn normalize_header(name: &str) -> String {
    name.trim().chars().filter(|&c| kept_in_header(c)).flat_map(char::to_lowercase).collect()
}

/// Whether [`normalize_header`] keeps a character (it drops whitespace and `_ - . # / ( ) （ ）`
/// and a BOM).
pub(crate) fn kept_in_header(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '#' | '/' | '(' | ')' | '（' | '）' | '\u{feff}')
}

/// The role of each column of a header, `None` for a column no role took.
pub fn detect_roles(header: &[String]) -> Vec<Option<Role>> {
    let normalized: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    let mut roles = vec![None; header.len()];
    // Shopify's orders export names its order column `Name` (`#1001`); elsewhere `Name` is ambiguous.
    // Its `Total`/`Subtotal` are order-level money on the first line only: the line amount there is
    // `Lineitem quantity × Lineitem price`.
    let shopify = normalized.iter().any(|h| h == "lineitemquantity");
    if shopify {
        if let Some(i) = normalized.iter().position(|h| h == "name") {
            roles[i] = Some(Role::OrderId);
        }
    }
    for role in Role::ALL {
        if roles.contains(&Some(role)) || (shopify && role == Role::Amount) {
            continue;
        }
        if shopify && role == Role::Discount {
            // `Discount Amount` is order-level money on the first line only; the line's own is
            // `Lineitem discount`.
            if let Some(i) = normalized.iter().position(|h| h == "lineitemdiscount") {
                roles[i] = Some(role);
            }
            continue;
        }
        let found = role
            .synonyms()
            .iter()
            .find_map(|syn| (0..header.len()).find(|&i| roles[i].is_none() && normalized[i] == *syn));
        if let Some(i) = found {
            roles[i] = Some(role);
        }
    }
    roles
}

/// Confidence of a role guessed from a column's values rather than its header name.
pub const VALUE_CONFIDENCE: f32 = 0.5;

/// Confidence of a role guessed from values that leave no doubt (see [`assign`], step 3): the
/// page opens its import panel for a guess below this.
pub const SURE_VALUE_CONFIDENCE: f32 = 0.9;

/// The fewest non-empty sample values a guess from values needs to be sure.
const MIN_SURE_VALUES: usize = 5;

/// What a column's values look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueShape {
    Date,
    /// Whole numbers of at most 4 digits, no leading zero: counts.
    SmallInteger,
    /// Numbers with a fractional part: money.
    Decimal,
    /// Codes: long or zero-padded whole numbers, or text without spaces, mostly distinct.
    Id,
    /// Text with spaces: names.
    Name,
    Other,
}

fn shape(values: &[String], decimal_comma: bool) -> ValueShape {
    use super::values::{parse_date_cell, parse_number_with, DateCell};
    let n = values.len();
    if n == 0 {
        return ValueShape::Other;
    }
    let most = |k: usize| k * 5 >= n * 4;
    let numbers: Vec<f64> = values.iter().filter_map(|v| parse_number_with(v, decimal_comma)).collect();
    let dates = values
        .iter()
        .filter(|v| parse_number_with(v, decimal_comma).is_none() && !matches!(parse_date_cell(v), DateCell::Bad))
        .count();
    if most(dates) || super::compact_date::is_compact_date_column(values.iter().map(String::as_str)) {
        return ValueShape::Date;
    }
    if most(numbers.len()) {
        let whole = numbers.iter().all(|x| x.fract() == 0.0);
        let digits = values.iter().map(|v| v.trim().trim_start_matches('-').len()).max().unwrap_or(0);
        let padded = values.iter().any(|v| v.len() > 1 && v.starts_with('0') && !v.contains(['.', ',']));
        return match (whole, digits >= 5 || padded) {
            (true, true) => ValueShape::Id,
            (true, false) => ValueShape::SmallInteger,
            (false, _) => ValueShape::Decimal,
        };
    }
    let spaced = values.iter().filter(|v| v.trim().contains(' ')).count();
    if most(spaced) {
        return ValueShape::Name;
    }
    let mut distinct: Vec<&String> = values.iter().collect();
    sort::sort(&mut distinct);
    distinct.dedup();
    if distinct.len() * 2 > n || n < 4 {
        ValueShape::Id
    } else {
        ValueShape::Other
    }
}

/// Fills the roles the analysis needs and the header did not name, from the columns' values
/// (`samples[i]`: the first non-empty values of column `i`), with confidence
/// [`VALUE_CONFIDENCE`]. Only columns without a role are considered, left to right:
///
/// - dates (readable as a date, not as a number) → date and time;
/// - whole numbers of at most 4 digits → quantity;
/// - numbers with decimals → the line amount, or the unit price when a quantity is known and a
///   second money column follows (then that one is the amount);
/// - codes (long or zero-padded whole numbers, mostly distinct short text) → customer id, then
///   order id, then product id;
/// - text with spaces → product name.
///
/// A header row that names the roles always wins; this only helps files whose header is
/// unknown or absent, and the user can change every guess.
pub fn guess_from_values(
    roles: &mut [Option<Role>],
    confidence: &mut [f32],
    samples: &[Vec<String>],
    decimal_comma: bool,
) {
    let shapes: Vec<ValueShape> = (0..roles.len())
        .map(|i| {
            if roles[i].is_some() {
                ValueShape::Other
            } else {
                shape(samples.get(i).map_or(&[][..], |v| &v[..]), decimal_comma)
            }
        })
        .collect();
    let mut set = |roles: &mut [Option<Role>], i: usize, role: Role| {
        roles[i] = Some(role);
        confidence[i] = VALUE_CONFIDENCE;
    };
    let has = |roles: &[Option<Role>], r: Role| roles.contains(&Some(r));
    for i in 0..roles.len() {
        if roles[i].is_some() {
            continue;
        }
        match shapes[i] {
            ValueShape::Date if !has(roles, Role::Datetime) => set(roles, i, Role::Datetime),
            ValueShape::SmallInteger if !has(roles, Role::Quantity) => set(roles, i, Role::Quantity),
            ValueShape::Decimal if !has(roles, Role::Amount) => {
                let another = shapes[i + 1..].contains(&ValueShape::Decimal);
                if has(roles, Role::Quantity) && another && !has(roles, Role::UnitPrice) {
                    set(roles, i, Role::UnitPrice);
                } else {
                    set(roles, i, Role::Amount);
                }
            }
            ValueShape::Id => {
                if let Some(r) =
                    [Role::CustomerId, Role::OrderId, Role::ProductId].into_iter().find(|r| !has(roles, *r))
                {
                    set(roles, i, r);
                }
            }
            ValueShape::Name if !has(roles, Role::ProductName) => set(roles, i, Role::ProductName),
            _ => {}
        }
    }
}

/// The roles the analysis reads from most files; any other role is only taken from a header
/// word that names it clearly.
const CORE_ROLES: [Role; 8] = [
    Role::OrderId,
    Role::CustomerId,
    Role::Datetime,
    Role::ProductId,
    Role::ProductName,
    Role::Quantity,
    Role::UnitPrice,
    Role::Amount,
];

/// The least header-word score a role other than [`CORE_ROLES`] needs.
const OPTIONAL_ROLE_MIN_WORD: f32 = 0.7;

/// The least total score (header words + half the value evidence) a guessed role needs.
const MIN_SCORE: f32 = 0.45;

/// What a column's first values are, counted over its non-empty cells.
#[derive(Debug, Default)]
struct Profile {
    /// Non-empty cells.
    n: usize,
    /// Cells read as numbers (a trailing `%` allowed), and of those: whole, with two decimals,
    /// whole of at most 4 digits without a leading zero, and with a fraction.
    numbers: usize,
    whole: usize,
    two_decimals: usize,
    small: usize,
    fraction: usize,
    /// Cells read as a date that are not plain numbers, and cells no date reading accepts.
    dates: usize,
    not_dates: usize,
    /// Whether the cells are compact dates (`19970101`), told from the column as a whole
    /// ([`super::compact_date`]); they also count as numbers.
    compact_dates: bool,
    /// Cells of text with a space in them.
    spaced: usize,
    /// Distinct non-empty cells.
    distinct: usize,
    /// Each row's number (aligned with the sample rows), for the amount = quantity × price test.
    values: Vec<Option<f64>>,
}

impl Profile {
    fn new(cells: &[String], decimal_comma: bool) -> Profile {
        use super::values::{parse_date_cell, parse_number_with, DateCell};
        let mut p = Profile { values: Vec::with_capacity(cells.len()), ..Profile::default() };
        let mut seen: Vec<&str> = Vec::new();
        for c in cells {
            let c = c.trim();
            if c.is_empty() {
                p.values.push(None);
                continue;
            }
            p.n += 1;
            if !seen.contains(&c) {
                seen.push(c);
            }
            let v = parse_number_with(c.trim_end_matches(['%', '％']), decimal_comma);
            p.values.push(v);
            let date = !matches!(parse_date_cell(c), DateCell::Bad);
            if !date {
                p.not_dates += 1;
            }
            match v {
                Some(x) => {
                    p.numbers += 1;
                    if x.fract() == 0.0 && !c.contains(['.', ',']) {
                        p.whole += 1;
                        let digits = c.trim_start_matches(['-', '+']);
                        if digits.len() <= 4 && !(digits.len() > 1 && digits.starts_with('0')) {
                            p.small += 1;
                        }
                    } else {
                        p.fraction += 1;
                        let tail = c.rsplit(if decimal_comma { ',' } else { '.' }).next().unwrap_or("");
                        if tail.len() == 2 {
                            p.two_decimals += 1;
                        }
                    }
                }
                None if date => p.dates += 1,
                None if c.contains(' ') => p.spaced += 1,
                None => {}
            }
        }
        p.distinct = seen.len();
        p.compact_dates = super::compact_date::is_compact_date_column(cells.iter().map(String::as_str));
        p
    }

    fn share(&self, k: usize) -> f32 {
        if self.n == 0 {
            0.0
        } else {
            k as f32 / self.n as f32
        }
    }

    /// The share of cells that cannot hold the role: text or dates where a number is due, cells
    /// no date reading accepts in a date column, dates or fractions in an id column, dates in a
    /// text column.
    fn contradicts(&self, role: Role) -> f32 {
        match role {
            Role::Datetime | Role::JoinDate | Role::PaidTime => self.share(self.not_dates),
            Role::Quantity | Role::UnitPrice | Role::Amount | Role::Discount | Role::Cost | Role::RefundAmount => {
                self.share(self.n - self.numbers)
            }
            Role::CustomerId | Role::OrderId | Role::ProductId => self.share(self.dates + self.fraction),
            Role::Age => 0.0,
            _ => self.share(self.dates),
        }
    }

    /// How well the values fit the role, in `-1..=1` (0 when there are none).
    fn fit(&self, role: Role) -> f32 {
        if self.n == 0 {
            return 0.0;
        }
        let numeric = self.share(self.numbers) >= 0.8;
        let few = self.distinct <= 3.max(self.n / 3);
        match role {
            Role::Datetime | Role::JoinDate | Role::PaidTime if self.share(self.dates) >= 0.8 || self.compact_dates => {
                1.0
            }
            Role::Quantity if numeric => {
                if self.small * 10 >= self.numbers * 9 {
                    0.7
                } else if self.fraction > 0 {
                    0.0
                } else {
                    -0.5
                }
            }
            Role::UnitPrice | Role::Amount | Role::Cost | Role::Discount | Role::RefundAmount if numeric => {
                if self.two_decimals * 2 >= self.numbers {
                    0.6
                } else if self.fraction > 0 {
                    0.4
                } else if self.small == self.whole {
                    0.1
                } else {
                    -0.3
                }
            }
            Role::CustomerId | Role::OrderId | Role::ProductId => {
                if self.share(self.spaced) >= 0.5 {
                    -0.2
                } else if self.small == self.n && self.distinct < self.n / 2 && self.n >= 10 {
                    // A handful of small numbers: counts rather than codes.
                    -0.3
                } else {
                    0.3
                }
            }
            Role::ProductName => {
                if numeric {
                    -0.5
                } else if self.share(self.spaced) >= 0.5 {
                    0.7
                } else {
                    0.2
                }
            }
            Role::Category | Role::Status | Role::Region | Role::City | Role::Store | Role::Gender => {
                if numeric {
                    -0.3
                } else if few {
                    0.4
                } else {
                    -0.2
                }
            }
            _ => 0.0,
        }
    }
}

/// Columns where `amount = quantity × unit price` on most sample rows: `(quantity, price,
/// amount)`, when one triple of number columns says so (and not only through quantities of 1).
fn product_relation(profiles: &[Profile]) -> Option<(usize, usize, usize)> {
    let numeric: Vec<usize> =
        (0..profiles.len()).filter(|&i| profiles[i].n >= 3 && profiles[i].share(profiles[i].numbers) >= 0.8).collect();
    if numeric.len() < 3 || numeric.len() > 16 {
        return None;
    }
    let mut best: Option<(usize, (usize, usize, usize))> = None;
    for &q in &numeric {
        for &p in &numeric {
            for &a in &numeric {
                if q == p || q == a || p == a {
                    continue;
                }
                let (mut rows, mut ok, mut telling) = (0, 0, 0);
                let vals = |i: usize| profiles[i].values.iter();
                for ((qv, pv), av) in vals(q).zip(vals(p)).zip(vals(a)) {
                    let (Some(qv), Some(pv), Some(av)) = (qv, pv, av) else { continue };
                    rows += 1;
                    if (qv * pv - av).abs() <= 0.01 + 0.005 * av.abs() {
                        ok += 1;
                        if qv.abs() != 1.0 && *pv != 0.0 {
                            telling += 1;
                        }
                    }
                }
                if rows >= 3 && ok * 10 >= rows * 7 && telling > 0 && best.map_or(true, |b| ok > b.0) {
                    best = Some((ok, (q, p, a)));
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// The position of a role in [`Role::ALL`].
fn slot(role: Role) -> usize {
    Role::ALL.iter().position(|r| *r == role).unwrap_or(0)
}

/// Guesses from the decimal marks of sample cells whether `,` is the decimal mark: `12,50` or
/// `1.234,56` say yes, `12.50` or `1,234.56` say no; a tie says no. Dates (`01.03.2024`) and
/// other text say nothing.
pub fn cells_decimal_comma<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let (mut comma, mut point) = (0, 0);
    for c in cells {
        let c = c.trim().trim_start_matches(['-', '+']);
        let c = c.trim_start_matches(['$', '€', '£', '¥']).trim_end_matches(['€', '$', '%']).trim();
        if c.is_empty() || !c.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
            continue;
        }
        let Some(at) = c.rfind([',', '.']) else { continue };
        let (head, tail) = (&c[..at], &c[at + 1..]);
        let mark = c.as_bytes()[at];
        let other = if mark == b',' { '.' } else { ',' };
        if head.is_empty() || head.contains(mark as char) {
            continue;
        }
        match (mark, tail.len()) {
            (b',', 1 | 2) => comma += 1,
            (b'.', 1 | 2) => point += 1,
            (b'.', 3) if head.contains(other) => point += 1,
            (b',', 3) if head.contains(other) => comma += 1,
            _ => {}
        }
    }
    comma > point
}

/// Roles and confidences for a header, from its names and its first data rows together.
///
/// `samples[i]` holds column `i`'s cells of the first data rows, row-aligned (empty cells
/// included), `decimal_comma` says how to read their numbers. In order:
///
/// 1. the exact names of [`detect_roles`] (confidence 1), unless the values veto one: at least
///    5 cells and 90% of them unable to hold the role (`Total` holding dates);
/// 2. header words ([`super::lexicon`]: words of 12 languages, entities with id words, compound
///    parts) for the other columns and roles, each (column, role) scored as the word score plus
///    half the value fit ([`Profile::fit`]) and the `amount = quantity × unit price` relation,
///    taken best first (one column per role), when the score reaches [`MIN_SCORE`] and the
///    values do not contradict the role on half the cells; a role outside [`CORE_ROLES`] needs a
///    clear word;
/// 3. when the header names no role at all, or a role every sales file needs is still missing
///    (customer id, date, money), values alone, as [`guess_from_values`] reads them, with
///    confidence [`VALUE_CONFIDENCE`]. Compact dates (`19970101`) are dates when the column's
///    values say so ([`super::compact_date`]) and its header does not call it an id. Ids that
///    come back on several days of the date column are preferred for the customer; an order id
///    that spans several days, and an order or product id that is only a second key of the
///    customer (one to one with it, CDNOW's sample id), are left without a role. A guess the
///    values leave no doubt about gets [`SURE_VALUE_CONFIDENCE`]: the only column of its shape
///    among those left, every sampled value of that shape (at least 5), and for the customer id,
///    customers seen on several days and no other id column but second keys of it.
///
/// A guessed role's confidence (`0..1`) is its score, lowered when another role scored close for
/// the same column.
pub fn assign(names: &[String], samples: &[Vec<String>], decimal_comma: bool) -> (Vec<Option<Role>>, Vec<f32>) {
    let width = names.len();
    let empty: Vec<String> = Vec::new();
    let profiles: Vec<Profile> =
        (0..width).map(|i| Profile::new(samples.get(i).unwrap_or(&empty), decimal_comma)).collect();
    let mut roles = detect_roles(names);
    let mut conf: Vec<f32> = roles.iter().map(|r| if r.is_some() { 1.0 } else { 0.0 }).collect();
    for i in 0..width {
        if let Some(r) = roles[i] {
            if profiles[i].n >= 5 && profiles[i].contradicts(r) >= 0.9 {
                roles[i] = None;
                conf[i] = 0.0;
            }
        }
    }
    let shopify = names.iter().any(|h| normalize_header(h) == "lineitemquantity");
    // Shopify's `Total` and `Discount Amount` are order-level money on the first line only
    // (see [`detect_roles`]): no word gives them a line role.
    let taken = |roles: &[Option<Role>], r: Role| {
        roles.contains(&Some(r)) || (shopify && matches!(r, Role::Amount | Role::Discount))
    };
    let relation = product_relation(&profiles);
    let related = |i: usize, r: Role| -> f32 {
        let Some((q, p, a)) = relation else { return 0.0 };
        match r {
            Role::Quantity if i == q => 0.4,
            Role::UnitPrice if i == p => 0.6,
            Role::Amount if i == a => 0.6,
            Role::UnitPrice | Role::Amount | Role::Quantity if i == q || i == p || i == a => -0.6,
            _ => 0.0,
        }
    };
    // 2. Header words and values.
    let words: Vec<[f32; Role::ALL.len()]> = (0..width)
        .map(|i| if roles[i].is_some() { [0.0; Role::ALL.len()] } else { super::lexicon::role_scores(&names[i]) })
        .collect();
    let mut cands: Vec<(f32, usize, Role, f32)> = Vec::new(); // (score, column, role, runner-up)
    for i in (0..width).filter(|&i| roles[i].is_none()) {
        let mut col: Vec<(f32, Role)> = Vec::new();
        for r in Role::ALL {
            let h = words[i][slot(r)];
            if h <= 0.0 || taken(&roles, r) || profiles[i].contradicts(r) >= 0.5 {
                continue;
            }
            if !CORE_ROLES.contains(&r) && h < OPTIONAL_ROLE_MIN_WORD {
                continue;
            }
            let s = h + 0.5 * (profiles[i].fit(r) + related(i, r));
            if s >= MIN_SCORE {
                col.push((s, r));
            }
        }
        for &(s, r) in &col {
            let runner = col.iter().filter(|c| c.1 != r).map(|c| c.0).fold(0.0, f32::max);
            cands.push((s, i, r, runner));
        }
    }
    let by_score = |a: &(f32, usize, Role, f32), b: &(f32, usize, Role, f32)| {
        b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(slot(a.2).cmp(&slot(b.2)))
    };
    sort::sort_by(&mut cands, by_score);
    for (s, i, r, runner) in cands {
        if roles[i].is_none() && !taken(&roles, r) {
            roles[i] = Some(r);
            let margin = 1.0 - 0.5 * (runner / s).clamp(0.0, 1.0);
            conf[i] = (s / 1.5 * margin).clamp(0.05, 0.95);
        }
    }
    // 3. Values alone, for what is still missing.
    let none_named = roles.iter().all(Option::is_none);
    let has = |roles: &[Option<Role>], r: Role| taken(roles, r);
    let money = |roles: &[Option<Role>]| {
        has(roles, Role::Amount) || (has(roles, Role::Quantity) && has(roles, Role::UnitPrice))
    };
    let wanted: Vec<Role> = if none_named {
        CORE_ROLES.to_vec()
    } else {
        let mut w = Vec::new();
        for r in [Role::CustomerId, Role::Datetime] {
            if !has(&roles, r) {
                w.push(r);
            }
        }
        if !money(&roles) {
            w.extend([Role::Quantity, Role::UnitPrice, Role::Amount].into_iter().filter(|r| !has(&roles, *r)));
        }
        w
    };
    if wanted.is_empty() {
        return (roles, conf);
    }
    let open: Vec<usize> = (0..width).filter(|&i| roles[i].is_none()).collect();
    let shapes: Vec<ValueShape> = (0..width)
        .map(|i| {
            if roles[i].is_some() {
                return ValueShape::Other;
            }
            let values: Vec<String> =
                samples.get(i).unwrap_or(&empty).iter().filter(|c| !c.is_empty()).cloned().collect();
            match shape(&values, decimal_comma) {
                // Digits a header calls an id (`Order No`, `会员编号`) stay an id, whatever dates
                // they resemble (`20240105`).
                ValueShape::Date if profiles[i].compact_dates && names_an_id(&names[i]) => ValueShape::Id,
                sh => sh,
            }
        })
        .collect();
    // The date column, named or the one the values show: repeat customers span several days of
    // it, an order does not.
    let date_col = roles
        .iter()
        .position(|r| *r == Some(Role::Datetime))
        .or_else(|| open.iter().copied().find(|&i| shapes[i] == ValueShape::Date));
    let spans = |i: usize| date_col.map_or(0, |d| values_spanning_days(samples, i, d));
    let mut cands: Vec<(f32, usize, Role, f32)> = Vec::new();
    for &i in &open {
        let pos = 0.001 * i as f32;
        let mut add = |r: Role, s: f32| {
            if wanted.contains(&r) && profiles[i].contradicts(r) < 0.5 {
                let s = s + related(i, r);
                if s > 0.0 {
                    cands.push((s - pos, i, r, 0.0));
                }
            }
        };
        match shapes[i] {
            ValueShape::Date => add(Role::Datetime, 0.9),
            ValueShape::SmallInteger => add(Role::Quantity, 0.7),
            ValueShape::Decimal => {
                add(Role::Amount, 0.6);
                add(Role::UnitPrice, 0.0);
            }
            ValueShape::Id => {
                // Ids that come back on several days are the customers' rather than orders'.
                let repeat = if spans(i) > 0 { 0.02 } else { 0.0 };
                add(Role::CustomerId, 0.5 + repeat);
                add(Role::OrderId, 0.45);
                add(Role::ProductId, 0.4);
            }
            ValueShape::Name => add(Role::ProductName, 0.6),
            ValueShape::Other => {}
        }
    }
    sort::sort_by(&mut cands, by_score);
    let mut guessed: Vec<usize> = Vec::new();
    for (_, i, r, _) in cands {
        if roles[i].is_none() && !has(&roles, r) {
            let customer = roles.iter().position(|r| *r == Some(Role::CustomerId));
            // A second key of the customer (CDNOW's sample id beside its original id) is no
            // order and no product; an "order" that spans several days is none either.
            if matches!(r, Role::OrderId | Role::ProductId) {
                let alias = customer.is_some_and(|c| date_col.is_some_and(|d| alias_of(samples, i, c, d)));
                if alias || (r == Role::OrderId && spans(i) > 0) {
                    continue;
                }
            }
            // A unit price alone is no line amount: only with a quantity, or as the amount.
            roles[i] = Some(r);
            conf[i] = VALUE_CONFIDENCE;
            guessed.push(i);
        }
    }
    // A reading the values leave no doubt about: the one column of its shape, every value of
    // that shape (the other id columns all second keys of the customer).
    let only = |i: usize, sh: ValueShape| open.iter().all(|&j| j == i || shapes[j] != sh);
    for i in guessed {
        let p = &profiles[i];
        let unanimous = p.n >= MIN_SURE_VALUES && p.n == p.values.iter().flatten().count();
        let sure = match roles[i] {
            Some(Role::Datetime) => p.n >= MIN_SURE_VALUES && p.not_dates == 0 && only(i, ValueShape::Date),
            Some(Role::Quantity) => unanimous && p.small == p.n && only(i, ValueShape::SmallInteger),
            Some(Role::Amount) => unanimous && only(i, ValueShape::Decimal),
            Some(Role::CustomerId) => {
                p.n >= MIN_SURE_VALUES
                    && spans(i) >= 2
                    && open.iter().all(|&j| {
                        j == i || shapes[j] != ValueShape::Id || date_col.is_some_and(|d| alias_of(samples, j, i, d))
                    })
            }
            _ => false,
        };
        if sure {
            conf[i] = SURE_VALUE_CONFIDENCE;
        }
    }
    (roles, conf)
}

/// Whether a header name calls its column an id: a synonym of an id role, or id words in any
/// of the lexicon's languages (`Order No`, `Kundennummer`, `会员编号`).
fn names_an_id(name: &str) -> bool {
    let ids = [Role::CustomerId, Role::OrderId, Role::ProductId];
    let scores = super::lexicon::role_scores(name);
    ids.iter().any(|&r| scores[slot(r)] > 0.0)
        || detect_roles(&[name.to_owned()]).first().copied().flatten().is_some_and(|r| ids.contains(&r))
}

/// The number of distinct values of column `i` that the sample rows show on two or more
/// distinct cells of the date column `d` (rows aligned; empty cells skipped).
fn values_spanning_days(samples: &[Vec<String>], i: usize, d: usize) -> usize {
    let (Some(col), Some(dates)) = (samples.get(i), samples.get(d)) else { return 0 };
    let mut pairs: Vec<(&str, &str)> = col
        .iter()
        .zip(dates)
        .map(|(v, t)| (v.trim(), t.trim()))
        .filter(|(v, t)| !v.is_empty() && !t.is_empty())
        .collect();
    sort::sort_total(&mut pairs);
    pairs.dedup();
    let mut spanning = 0;
    let mut k = 0;
    while k < pairs.len() {
        let run = pairs[k..].iter().take_while(|p| p.0 == pairs[k].0).count();
        spanning += usize::from(run >= 2);
        k += run;
    }
    spanning
}

/// Whether column `i` is a second key of the customer column `c`: over the sample rows where
/// both are filled, each value of one goes with a single value of the other, and at least two
/// customers came back on another day (column `d`), so that the pairing is not a coincidence of
/// one-visit customers.
fn alias_of(samples: &[Vec<String>], i: usize, c: usize, d: usize) -> bool {
    let (Some(a), Some(b)) = (samples.get(i), samples.get(c)) else { return false };
    let mut pairs: Vec<(&str, &str)> =
        a.iter().zip(b).map(|(x, y)| (x.trim(), y.trim())).filter(|(x, y)| !x.is_empty() && !y.is_empty()).collect();
    if pairs.is_empty() {
        return false;
    }
    sort::sort_total(&mut pairs);
    pairs.dedup();
    let one_to_one = |pairs: &[(&str, &str)]| pairs.windows(2).all(|w| w[0].0 != w[1].0);
    let forward = one_to_one(&pairs);
    let mut back: Vec<(&str, &str)> = pairs.iter().map(|&(x, y)| (y, x)).collect();
    sort::sort_total(&mut back);
    forward && one_to_one(&back) && values_spanning_days(samples, c, d) >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn online_retail_header() {
        let h = header(&[
            "InvoiceNo",
            "StockCode",
            "Description",
            "Quantity",
            "InvoiceDate",
            "UnitPrice",
            "CustomerID",
            "Country",
        ]);
        let r = detect_roles(&h);
        assert_eq!(
            r,
            vec![
                Some(Role::OrderId),
                Some(Role::ProductId),
                Some(Role::ProductName),
                Some(Role::Quantity),
                Some(Role::Datetime),
                Some(Role::UnitPrice),
                Some(Role::CustomerId),
                Some(Role::Region)
            ]
        );
    }

    #[test]
    fn chinese_pos_header_with_trailing_spaces() {
        let h = header(&[
            "小票号",
            "会员卡号 ",
            "下单时间",
            "商品编码",
            "商品名称",
            "销售数量",
            "单价",
            "实收金额",
            "门店",
        ]);
        let r = detect_roles(&h);
        assert_eq!(r[0], Some(Role::OrderId));
        assert_eq!(r[1], Some(Role::CustomerId));
        assert_eq!(r[2], Some(Role::Datetime));
        assert_eq!(r[5], Some(Role::Quantity));
        assert_eq!(r[7], Some(Role::Amount));
        assert_eq!(r[8], Some(Role::Store));
    }

    #[test]
    fn specific_synonym_beats_generic_one() {
        // "Customer ID" wins over "Email" even when Email comes first.
        let h = header(&["Email", "Customer ID", "Date"]);
        let r = detect_roles(&h);
        assert_eq!(r, vec![None, Some(Role::CustomerId), Some(Role::Datetime)]);
        // An email address is the customer when no column names a customer id (a WooCommerce
        // or Square export), and still gives way to one that does.
        let h = header(&["Order Number", "Billing Email Address", "Order Date"]);
        assert_eq!(detect_roles(&h), vec![Some(Role::OrderId), Some(Role::CustomerId), Some(Role::Datetime)]);
        let h = header(&["Email Address", "Customer ID"]);
        assert_eq!(detect_roles(&h), vec![None, Some(Role::CustomerId)]);
    }

    #[test]
    fn optional_classes_credit_satisfaction_member_level() {
        let h = header(&["会员卡号", "信用等级", "满意度", "会员等级"]);
        assert_eq!(
            detect_roles(&h),
            vec![Some(Role::CustomerId), Some(Role::Credit), Some(Role::Satisfaction), Some(Role::MemberLevel)]
        );
        let h = header(&["Customer ID", "Credit Rating", "CSAT", "VIP Level"]);
        assert_eq!(
            detect_roles(&h),
            vec![Some(Role::CustomerId), Some(Role::Credit), Some(Role::Satisfaction), Some(Role::MemberLevel)]
        );
        // "信用等级" is a credit level, not the member level that a bare "等级" is.
        let h = header(&["客户编号", "等级", "信用等级", "客户满意度"]);
        assert_eq!(
            detect_roles(&h),
            vec![Some(Role::CustomerId), Some(Role::MemberLevel), Some(Role::Credit), Some(Role::Satisfaction)]
        );
    }
}

#[cfg(test)]
mod assign_tests {
    use super::*;

    fn names(line: &str) -> Vec<String> {
        line.split(',').map(str::to_owned).collect()
    }

    /// Header names the other fixtures of the project use, each in a header of its own.
    #[test]
    fn names_used_by_other_fixtures() {
        let cases: [(&str, [Option<Role>; 3]); 8] = [
            ("Transaction,Member,Total", [Some(Role::OrderId), Some(Role::CustomerId), Some(Role::Amount)]),
            ("Order No.,Item,Date", [Some(Role::OrderId), Some(Role::ProductName), Some(Role::Datetime)]),
            ("member_number,Time,Order Total", [Some(Role::CustomerId), Some(Role::Datetime), Some(Role::Amount)]),
            ("Member,Created Time,Paid Amount", [Some(Role::CustomerId), Some(Role::Datetime), Some(Role::Amount)]),
            ("买家会员名,订单创建时间,实付金额", [Some(Role::CustomerId), Some(Role::Datetime), Some(Role::Amount)]),
            ("订单编号,创建时间,退款金额", [Some(Role::OrderId), Some(Role::Datetime), Some(Role::RefundAmount)]),
            ("Member,Date,Refund", [Some(Role::CustomerId), Some(Role::Datetime), Some(Role::RefundAmount)]),
            // An address is no region (as before): its word is too weak for a role outside the core.
            ("Member,收货地址,Address", [Some(Role::CustomerId), Some(Role::Region), None]),
        ];
        for (line, want) in cases {
            assert_eq!(assign(&names(line), &[], false).0, want, "{line}");
        }
    }

    #[test]
    fn exact_names_keep_confidence_one_and_words_less() {
        let (roles, conf) = assign(&names("CustomerID,txn_date,dollar_value"), &[], false);
        assert_eq!(roles, [Some(Role::CustomerId), Some(Role::Datetime), Some(Role::Amount)]);
        assert_eq!(conf[0], 1.0);
        assert!(conf[1] > 0.5 && conf[1] < 1.0 && conf[2] > 0.3 && conf[2] < conf[1], "{conf:?}");
    }

    #[test]
    fn decimal_commas_from_the_cells() {
        let yes = ["12,50", "1.234,56", "3", "01.02.2024", "7,5"];
        assert!(cells_decimal_comma(yes.into_iter()));
        let no = ["12.50", "1,234.56", "1,234", "2024-01-02", "7.5", "3,10"];
        assert!(!cells_decimal_comma(no.into_iter()));
    }
}

#[cfg(test)]
mod value_tests {
    use super::*;

    fn col(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn roles_from_values_when_the_header_is_unknown() {
        // CDNOW-like: customer, date, quantity, amount; and an unknown header naming nothing.
        let samples = vec![
            col(&["00001", "00002", "00002", "00003"]),
            col(&["1997-01-01", "1997-01-12", "1997-01-12", "1997-01-02"]),
            col(&["1", "1", "5", "2"]),
            col(&["11.77", "12.00", "77.00", "20.76"]),
        ];
        let mut roles = vec![None; 4];
        let mut conf = vec![0.0; 4];
        guess_from_values(&mut roles, &mut conf, &samples, false);
        assert_eq!(roles, vec![Some(Role::CustomerId), Some(Role::Datetime), Some(Role::Quantity), Some(Role::Amount)]);
        assert_eq!(conf, vec![VALUE_CONFIDENCE; 4]);
        // A role the header named is kept; quantity and two money columns: price then amount.
        let samples = vec![
            col(&["A1", "A2", "A3", "A4"]),
            col(&["3", "1", "2", "1"]),
            col(&["2.50", "1.25", "3.10", "9.99"]),
            col(&["7.50", "1.25", "6.20", "9.99"]),
        ];
        let mut roles = vec![Some(Role::CustomerId), None, None, None];
        let mut conf = vec![1.0, 0.0, 0.0, 0.0];
        guess_from_values(&mut roles, &mut conf, &samples, false);
        assert_eq!(
            roles,
            vec![Some(Role::CustomerId), Some(Role::Quantity), Some(Role::UnitPrice), Some(Role::Amount)]
        );
        assert_eq!(conf[0], 1.0);
    }
}

#[cfg(test)]
mod compact_date_tests {
    use super::*;

    /// The first rows of CDNOW_sample.txt: id, sample id, yyyymmdd, CDs, dollars.
    const CDNOW: [[&str; 5]; 16] = [
        ["00004", "0001", "19970101", "2", "29.33"],
        ["00004", "0001", "19970118", "2", "29.73"],
        ["00004", "0001", "19970802", "1", "14.96"],
        ["00004", "0001", "19971212", "2", "26.48"],
        ["00021", "0002", "19970101", "3", "63.34"],
        ["00021", "0002", "19970113", "1", "11.77"],
        ["00050", "0003", "19970101", "1", "6.79"],
        ["00071", "0004", "19970101", "1", "13.97"],
        ["00086", "0005", "19970101", "2", "23.94"],
        ["00111", "0006", "19970101", "1", "35.99"],
        ["00111", "0006", "19970111", "1", "32.99"],
        ["00111", "0006", "19970315", "4", "77.96"],
        ["00111", "0006", "19970416", "3", "59.30"],
        ["00111", "0006", "19970424", "2", "134.98"],
        ["00111", "0006", "19970623", "1", "91.92"],
        ["00111", "0006", "19970722", "3", "47.08"],
    ];

    /// Column-major samples of row-major cells.
    fn columns<const W: usize>(rows: &[[&str; W]]) -> Vec<Vec<String>> {
        (0..W).map(|i| rows.iter().map(|r| r[i].to_owned()).collect()).collect()
    }

    fn headerless(width: usize) -> Vec<String> {
        (1..=width).map(|i| format!("Column {i}")).collect()
    }

    #[test]
    fn cdnow_headerless_reads_customer_date_quantity_amount_without_doubt() {
        let (roles, conf) = assign(&headerless(5), &columns(&CDNOW), false);
        assert_eq!(
            roles,
            [Some(Role::CustomerId), None, Some(Role::Datetime), Some(Role::Quantity), Some(Role::Amount)]
        );
        assert_eq!(
            conf,
            [SURE_VALUE_CONFIDENCE, 0.0, SURE_VALUE_CONFIDENCE, SURE_VALUE_CONFIDENCE, SURE_VALUE_CONFIDENCE]
        );
        // The sample id first: it is the customer then, and the original id its second key.
        let swapped: Vec<[&str; 5]> = CDNOW.iter().map(|r| [r[1], r[0], r[2], r[3], r[4]]).collect();
        let (roles, _) = assign(&headerless(5), &columns(&swapped), false);
        assert_eq!(roles[..2], [Some(Role::CustomerId), None]);
        // With 14-digit date-times.
        let timed: Vec<[String; 5]> =
            CDNOW.iter().map(|r| r.map(str::to_owned)).map(|[a, b, d, q, m]| [a, b, d + "093000", q, m]).collect();
        let timed: Vec<[&str; 5]> = timed.iter().map(|r| [0, 1, 2, 3, 4].map(|i| r[i].as_str())).collect();
        assert_eq!(assign(&headerless(5), &columns(&timed), false).0[2], Some(Role::Datetime));
    }

    #[test]
    fn a_header_word_for_the_date_is_backed_by_compact_values() {
        // `Buchungstag` is only a header word; its values make it a date with full value fit.
        let rows: Vec<[&str; 3]> = CDNOW.iter().map(|r| [r[0], r[2], r[4]]).collect();
        let names: Vec<String> = ["Kunde", "Buchungsdatum", "Betrag"].map(str::to_owned).to_vec();
        let (roles, conf) = assign(&names, &columns(&rows), false);
        assert_eq!(roles, [Some(Role::CustomerId), Some(Role::Datetime), Some(Role::Amount)]);
        let (_, conf_without) = assign(&names, &[], false);
        assert!(conf[1] > conf_without[1], "{conf:?} vs {conf_without:?}");
    }

    #[test]
    fn ids_that_look_like_dates_stay_ids() {
        // 8-digit ids with months 00 and 13+: codes, not dates; the date stays missing.
        let ids = ["10000017", "10000042", "20241342", "10000099", "20240199", "10000123"];
        let rows: Vec<[&str; 3]> = ids.iter().zip(&CDNOW).map(|(id, r)| [*id, r[3], r[4]]).collect();
        let (roles, _) = assign(&headerless(3), &columns(&rows), false);
        assert_eq!(roles, [Some(Role::CustomerId), Some(Role::Quantity), Some(Role::Amount)]);
        // Valid dates in a column whose header calls it an id: the id roles are all taken, so the
        // values alone decide, and they may not make a date of it.
        let rows: Vec<[&str; 6]> = CDNOW.iter().map(|r| [r[0], "A1", "P1", r[2], r[3], r[4]]).collect();
        let named = ["Customer ID", "Order ID", "Product Code", "Order No", "Qty", "Amount"].map(str::to_owned);
        assert_eq!(assign(&named, &columns(&rows), false).0[3], None);
        let unnamed = ["Customer ID", "Order ID", "Product Code", "Column 4", "Qty", "Amount"].map(str::to_owned);
        assert_eq!(assign(&unnamed, &columns(&rows), false).0[3], Some(Role::Datetime));
        // An exact id name keeps its role over date-like values (no veto).
        let rows: Vec<[&str; 3]> = CDNOW.iter().map(|r| [r[2], r[0], r[4]]).collect();
        let (roles, conf) = assign(&["OrderNo", "Customer", "Amount"].map(str::to_owned), &columns(&rows), false);
        assert_eq!((roles[0], conf[0]), (Some(Role::OrderId), 1.0));
        // A constant 8-digit code (a single day) is no date.
        let rows: Vec<[&str; 4]> = CDNOW.iter().map(|r| [r[0], "20240105", r[3], r[4]]).collect();
        assert_ne!(assign(&headerless(4), &columns(&rows), false).0[1], Some(Role::Datetime));
    }

    #[test]
    fn an_order_id_spans_one_day_and_doubtful_readings_stay_doubtful() {
        // A store code beside the customer, the same on several days: no order id.
        let rows: Vec<[&str; 5]> =
            CDNOW.iter().enumerate().map(|(k, r)| [r[0], ["00001", "00002"][k % 2], r[2], r[3], r[4]]).collect();
        let (roles, _) = assign(&headerless(5), &columns(&rows), false);
        assert_eq!((roles[0], roles[2]), (Some(Role::CustomerId), Some(Role::Datetime)));
        assert_ne!(roles[1], Some(Role::OrderId));
        // Receipt numbers, one a day: the order id, beside the customer.
        let receipts: Vec<String> = (0..CDNOW.len()).map(|k| format!("{:05}", 70_000 + k)).collect();
        let rows: Vec<[&str; 5]> = CDNOW.iter().zip(&receipts).map(|(r, o)| [r[0], o, r[2], r[3], r[4]]).collect();
        let (roles, conf) = assign(&headerless(5), &columns(&rows), false);
        assert_eq!(roles[..3], [Some(Role::CustomerId), Some(Role::OrderId), Some(Role::Datetime)]);
        // Two id columns that are not keys of one another: which is the customer is a guess.
        assert_eq!((conf[0], conf[1]), (VALUE_CONFIDENCE, VALUE_CONFIDENCE));
        // The receipts first: the ids that come back on several days are still the customer's.
        let rows: Vec<[&str; 5]> = CDNOW.iter().zip(&receipts).map(|(r, o)| [o, r[0], r[2], r[3], r[4]]).collect();
        let (roles, _) = assign(&headerless(5), &columns(&rows), false);
        assert_eq!(roles[..2], [Some(Role::OrderId), Some(Role::CustomerId)]);
        // Two money columns (price or amount?) and an id seen on one day each: value confidence.
        let rows: Vec<[&str; 5]> = CDNOW.iter().zip(&receipts).map(|(r, o)| [o, r[2], r[3], r[4], r[4]]).collect();
        let (roles, conf) = assign(&headerless(5), &columns(&rows), false);
        assert_eq!(roles[0], Some(Role::CustomerId));
        assert_eq!((conf[0], conf[1], conf[2]), (VALUE_CONFIDENCE, SURE_VALUE_CONFIDENCE, SURE_VALUE_CONFIDENCE));
        assert_eq!(conf[3], VALUE_CONFIDENCE);
        assert!(conf[4] <= VALUE_CONFIDENCE);
        // Too few rows to be sure.
        let (_, conf) = assign(&headerless(5), &columns(&CDNOW[..4]), false);
        assert!(conf.iter().all(|&c| c <= VALUE_CONFIDENCE), "{conf:?}");
    }
}
