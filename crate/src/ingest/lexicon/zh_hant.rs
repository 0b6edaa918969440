//! Traditional Chinese header words.

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER_ID, "會員卡號", 1.0),
    (CUSTOMER_ID, "卡號", 0.85),
    (CUSTOMER, "客戶", 0.9),
    (CUSTOMER, "會員", 0.9),
    (CUSTOMER, "顧客", 0.9),
    (CUSTOMER, "買家", 0.85),
    (CUSTOMER, "用戶", 0.7),
    (CUSTOMER, "消費者", 0.8),
    (ORDER_ID, "訂單編號", 1.0),
    (ORDER_ID, "訂單號", 1.0),
    (ORDER_ID, "單號", 0.9),
    (ORDER, "訂單", 0.85),
    (ORDER, "單據", 0.8),
    (ORDER, "發票", 0.8),
    (ORDER, "交易", 0.7),
    (ORDER, "收據", 0.8),
    (PRODUCT_ID, "條碼", 1.0),
    (PRODUCT_ID, "商品編號", 1.0),
    (PRODUCT_ID, "貨號", 1.0),
    (PRODUCT, "商品", 0.9),
    (PRODUCT, "產品", 0.9),
    (PRODUCT, "貨品", 0.85),
    (PRODUCT, "品項", 0.85),
    (PRODUCT_NAME, "品名", 1.0),
    (ID, "編號", 0.85),
    (ID, "編碼", 0.8),
    (ID, "代碼", 0.7),
    (ID, "號碼", 0.8),
    (ID, "號", 0.6),
    (NAME, "名稱", 0.7),
    (NAME, "姓名", 0.6),
    (NAME, "標題", 0.6),
    (DATE, "時間", 0.9),
    (DATE, "日期", 1.0),
    (DATE, "建立時間", 1.0),
    (DATE, "下單時間", 1.0),
    (QUANTITY, "數量", 1.0),
    (QUANTITY, "件數", 1.0),
    (QUANTITY, "銷量", 0.9),
    (UNIT_PRICE, "單價", 1.0),
    (UNIT_PRICE, "價格", 0.85),
    (UNIT_PRICE, "售價", 0.85),
    (UNIT_PRICE, "定價", 0.7),
    (AMOUNT, "金額", 0.9),
    (AMOUNT, "實付", 0.8),
    (AMOUNT, "實收", 0.8),
    (AMOUNT, "總額", 0.9),
    (AMOUNT, "總價", 0.9),
    (AMOUNT, "合計", 0.8),
    (AMOUNT, "小計", 0.8),
    (AMOUNT, "銷售額", 0.9),
    (AMOUNT, "營業額", 0.9),
    (CATEGORY, "類別", 1.0),
    (CATEGORY, "分類", 1.0),
    (CATEGORY, "類目", 1.0),
    (CATEGORY, "品類", 1.0),
    (REGION, "地區", 1.0),
    (REGION, "區域", 1.0),
    (REGION, "國家", 1.0),
    (REGION, "省份", 1.0),
    (REGION, "縣市", 0.8),
    (REGION, "地址", 0.5),
    (CITY, "城市", 1.0),
    (STATUS, "狀態", 1.0),
    (REFUND, "退款", 0.95),
    (REFUND, "退款金額", 1.0),
    (DISCOUNT, "優惠", 1.0),
    (DISCOUNT, "折扣", 1.0),
    (COST, "成本", 1.0),
    (STORE, "門市", 1.0),
    (STORE, "門店", 1.0),
    (STORE, "店鋪", 1.0),
    (STORE, "通路", 1.0),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_traditional_chinese_export() {
        assert_eq!(
            roles_of("會員編碼,訂單編號,交易時間,品名,購買數量,商品單價,實付金額,門市"),
            [
                Some(CustomerId),
                Some(OrderId),
                Some(Datetime),
                Some(ProductName),
                Some(Quantity),
                Some(UnitPrice),
                Some(Amount),
                Some(Store)
            ]
        );
    }
}
