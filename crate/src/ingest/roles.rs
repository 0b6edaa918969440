//! Column roles: which column holds the customer id, the order id, the date and so on.
//!
//! A header name is normalised (lower case, with spaces, `_`, `-`, `.`, `#`, `/` and brackets
//! removed) and looked up in a table of synonyms in English, simplified and traditional
//! Chinese. Each role takes the first column, in the order of its synonym list (most specific
//! first), that no other role has taken. Roles are assigned in the order of [`Role::ALL`].

use serde::Serialize;

/// What a column means to the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
    Region,
    Store,
}

impl Role {
    /// Every role, in the order they are assigned.
    pub const ALL: [Role; 11] = [
        Role::OrderId,
        Role::CustomerId,
        Role::Datetime,
        Role::ProductId,
        Role::ProductName,
        Role::Category,
        Role::Quantity,
        Role::UnitPrice,
        Role::Amount,
        Role::Region,
        Role::Store,
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
        }
    }

    /// Normalised header synonyms, most specific first.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Role::OrderId => &[
                "invoiceno", "invoicenumber", "invoiceid", "invoice", "orderid", "orderno", "ordernumber", "order",
                "receiptno", "receiptnumber", "receiptid", "transactionid", "ticketno", "订单编号", "订单号", "订单id",
                "小票号", "单据号", "交易号", "流水号", "訂單編號", "訂單號",
            ],
            Role::CustomerId => &[
                "customerid", "customerno", "customernumber", "customercode", "clientid", "memberid", "memberno",
                "buyerid", "userid", "customer", "客户id", "客户编号", "客户号", "会员卡号", "会员号", "会员id",
                "会员编号", "社保卡号", "买家会员名", "买家id", "顾客id", "顾客编号", "用户id", "客戶編號", "會員卡號",
                "會員編號", "email", "买家手机号", "手机号",
            ],
            Role::Datetime => &[
                "invoicedate", "orderdate", "transactiondate", "purchasedate", "saledate", "datetime", "createdat",
                "paidat", "date", "timestamp", "time", "下单时间", "订单创建时间", "创建时间", "付款时间", "购药时间",
                "交易时间", "销售时间", "消费时间", "日期", "时间", "下單時間", "交易時間", "日期時間",
            ],
            Role::ProductId => &[
                "stockcode", "sku", "productid", "productcode", "itemid", "itemcode", "lineitemsku", "barcode",
                "商品编码", "商品编号", "商品id", "货号", "商家编码", "商品編號", "條碼",
            ],
            Role::ProductName => &[
                "description", "productname", "itemname", "lineitemname", "product", "item", "商品名称", "宝贝标题",
                "商品标题", "品名", "商品", "药品名称", "商品名稱",
            ],
            Role::Category => &["category", "productcategory", "department", "品类", "类别", "分类", "商品类别", "大类", "類別"],
            Role::Quantity => &[
                "quantity", "qty", "lineitemquantity", "units", "数量", "销售数量", "购买数量", "宝贝数量", "商品数量", "數量",
            ],
            Role::UnitPrice => &["unitprice", "price", "lineitemprice", "单价", "销售单价", "商品单价", "价格", "單價"],
            Role::Amount => &[
                "amount", "lineamount", "linetotal", "total", "sales", "revenue", "实收金额", "买家实际支付金额", "应收金额",
                "销售金额", "金额", "总金额", "實收金額", "金額",
            ],
            Role::Region => &["country", "region", "province", "state", "国家", "地区", "省份", "区域", "國家", "地區"],
            Role::Store => &["store", "channel", "shop", "location", "门店", "渠道", "店铺", "門市", "通路"],
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
    name.trim()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '#' | '/' | '(' | ')' | '（' | '）' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The role of each column of a header, `None` for a column no role took.
pub fn detect_roles(header: &[String]) -> Vec<Option<Role>> {
    let normalized: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    let mut roles = vec![None; header.len()];
    for role in Role::ALL {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn online_retail_header() {
        let h = header(&["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]);
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
        let h = header(&["小票号", "会员卡号 ", "下单时间", "商品编码", "商品名称", "销售数量", "单价", "实收金额", "门店"]);
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
    }
}
