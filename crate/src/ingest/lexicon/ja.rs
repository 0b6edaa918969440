//! Japanese header words.

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER_ID, "顧客番号", 1.0),
    (CUSTOMER_ID, "会員番号", 1.0),
    (CUSTOMER, "顧客", 0.9),
    (CUSTOMER, "会員", 0.9),
    (CUSTOMER, "得意先", 0.9),
    (CUSTOMER, "取引先", 0.8),
    (CUSTOMER, "お客様", 0.9),
    (CUSTOMER, "購入者", 0.85),
    (CUSTOMER, "ユーザー", 0.6),
    (CUSTOMER, "カスタマー", 0.9),
    (ORDER_ID, "注文番号", 1.0),
    (ORDER_ID, "伝票番号", 1.0),
    (ORDER, "注文", 0.85),
    (ORDER, "受注", 0.85),
    (ORDER, "伝票", 0.8),
    (ORDER, "取引", 0.7),
    (ORDER, "請求書", 0.8),
    (ORDER, "レシート", 0.85),
    (ORDER, "オーダー", 0.85),
    (PRODUCT_ID, "品番", 1.0),
    (PRODUCT_ID, "商品コード", 1.0),
    (PRODUCT_ID, "jan", 0.8),
    (PRODUCT, "商品", 0.9),
    (PRODUCT, "品目", 0.85),
    (PRODUCT, "製品", 0.9),
    (PRODUCT, "アイテム", 0.7),
    (PRODUCT_NAME, "品名", 1.0),
    (PRODUCT_NAME, "商品名", 1.0),
    (ID, "番号", 0.85),
    (ID, "コード", 0.8),
    (ID, "ｉｄ", 0.8),
    (NAME, "名称", 0.7),
    (NAME, "名前", 0.6),
    (NAME, "氏名", 0.6),
    (NAME, "名", 0.5),
    (DATE, "日付", 1.0),
    (DATE, "日時", 1.0),
    (DATE, "年月日", 1.0),
    (DATE, "時刻", 0.8),
    (DATE, "注文日", 1.0),
    (DATE, "売上日", 1.0),
    (QUANTITY, "数量", 1.0),
    (QUANTITY, "個数", 1.0),
    (QUANTITY, "点数", 0.9),
    (UNIT_PRICE, "単価", 1.0),
    (UNIT_PRICE, "価格", 0.85),
    (UNIT_PRICE, "値段", 0.85),
    (UNIT_PRICE, "売価", 0.85),
    (AMOUNT, "金額", 0.9),
    (AMOUNT, "合計", 0.8),
    (AMOUNT, "小計", 0.8),
    (AMOUNT, "売上", 0.8),
    (AMOUNT, "総額", 0.9),
    (AMOUNT, "税込", 0.6),
    (AMOUNT, "支払", 0.5),
    (CATEGORY, "カテゴリ", 1.0),
    (CATEGORY, "カテゴリー", 1.0),
    (CATEGORY, "分類", 1.0),
    (CATEGORY, "部門", 0.8),
    (REGION, "地域", 1.0),
    (REGION, "都道府県", 1.0),
    (REGION, "国", 0.8),
    (REGION, "地方", 0.8),
    (REGION, "住所", 0.5),
    (CITY, "市区町村", 1.0),
    (CITY, "都市", 1.0),
    (STATUS, "状態", 1.0),
    (STATUS, "ステータス", 1.0),
    (REFUND, "返金", 1.0),
    (DISCOUNT, "割引", 1.0),
    (DISCOUNT, "値引", 1.0),
    (COST, "原価", 1.0),
    (STORE, "店舗", 1.0),
    (STORE, "チャネル", 1.0),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_japanese_export() {
        assert_eq!(
            roles_of("顧客ID,注文番号,数量,単価,日付"),
            [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]
        );
        assert_eq!(
            roles_of("伝票番号,品番,商品名,数量,売上日,単価,得意先コード,国"),
            [
                Some(OrderId),
                Some(ProductId),
                Some(ProductName),
                Some(Quantity),
                Some(Datetime),
                Some(UnitPrice),
                Some(CustomerId),
                Some(Region)
            ]
        );
    }
}
