//! English header words.

use super::*;

pub(super) const WORDS: &[Entry] = &[
    // Customers.
    (CUSTOMER, "customer", 0.9),
    (CUSTOMER, "customers", 0.9),
    (CUSTOMER, "client", 0.85),
    (CUSTOMER, "member", 0.85),
    (CUSTOMER, "buyer", 0.85),
    (CUSTOMER, "shopper", 0.8),
    (CUSTOMER, "user", 0.6),
    (CUSTOMER, "account", 0.6),
    (CUSTOMER, "patron", 0.7),
    (CUSTOMER, "card", 0.6),
    (CUSTOMER, "loyalty", 0.6),
    (CUSTOMER_ID, "cust", 0.8),
    (CUSTOMER_ID, "custid", 1.0),
    (CUSTOMER_ID, "email", 0.6),
    (CUSTOMER_ID, "phone", 0.5),
    // Orders.
    (ORDER, "order", 0.85),
    (ORDER, "invoice", 0.9),
    (ORDER, "receipt", 0.85),
    (ORDER, "transaction", 0.85),
    (ORDER, "txn", 0.8),
    (ORDER, "trans", 0.6),
    (ORDER, "ticket", 0.7),
    (ORDER, "bill", 0.6),
    (ORDER, "basket", 0.7),
    (ORDER, "checkout", 0.6),
    (ORDER, "purchase", 0.5),
    (ORDER, "sale", 0.5),
    // Products.
    (PRODUCT, "product", 0.9),
    (PRODUCT, "item", 0.8),
    (PRODUCT, "article", 0.8),
    (PRODUCT, "goods", 0.7),
    (PRODUCT, "merchandise", 0.7),
    (PRODUCT, "stock", 0.7),
    (PRODUCT, "lineitem", 0.7),
    (PRODUCT_ID, "sku", 1.0),
    (PRODUCT_ID, "barcode", 1.0),
    (PRODUCT_ID, "upc", 0.9),
    (PRODUCT_ID, "ean", 0.9),
    (PRODUCT_ID, "asin", 0.9),
    (PRODUCT_ID, "plu", 0.8),
    (PRODUCT_NAME, "description", 0.8),
    (PRODUCT_NAME, "desc", 0.6),
    // Id and name words.
    (ID, "id", 0.9),
    (ID, "ids", 0.8),
    (ID, "no", 0.8),
    (ID, "nr", 0.8),
    (ID, "num", 0.8),
    (ID, "number", 0.8),
    (ID, "code", 0.7),
    (ID, "key", 0.6),
    (ID, "ref", 0.6),
    (ID, "reference", 0.6),
    (NAME, "name", 0.6),
    (NAME, "title", 0.6),
    (NAME, "label", 0.5),
    // Dates.
    (DATE, "date", 0.95),
    (DATE, "datetime", 1.0),
    (DATE, "time", 0.8),
    (DATE, "timestamp", 1.0),
    (DATE, "day", 0.6),
    (DATE, "created", 0.7),
    (DATE, "placed", 0.6),
    (DATE, "when", 0.6),
    (DATE, "ts", 0.5),
    (DATE, "dt", 0.6),
    // Quantities.
    (QUANTITY, "quantity", 1.0),
    (QUANTITY, "qty", 1.0),
    (QUANTITY, "quantities", 1.0),
    (QUANTITY, "pcs", 0.9),
    (QUANTITY, "pieces", 0.9),
    (QUANTITY, "units", 0.8),
    (QUANTITY, "count", 0.7),
    (QUANTITY, "volume", 0.5),
    (QUANTITY, "number of", 0.9),
    (QUANTITY, "no of", 0.9),
    (QUANTITY, "num of", 0.9),
    (QUANTITY, "items", 0.5),
    // Prices and money.
    (UNIT_PRICE, "price", 0.85),
    (UNIT_PRICE, "unit price", 1.0),
    (UNIT_PRICE, "price each", 1.0),
    (UNIT_PRICE, "each", 0.6),
    (UNIT_PRICE, "rate", 0.5),
    (UNIT_PRICE, "unitprice", 1.0),
    (UNIT_PRICE, "msrp", 0.7),
    (AMOUNT, "amount", 0.9),
    (AMOUNT, "amt", 0.8),
    (AMOUNT, "total", 0.75),
    (AMOUNT, "subtotal", 0.75),
    (AMOUNT, "sales", 0.7),
    (AMOUNT, "revenue", 0.9),
    (AMOUNT, "spend", 0.8),
    (AMOUNT, "spent", 0.8),
    (AMOUNT, "paid", 0.6),
    (AMOUNT, "payment", 0.6),
    (AMOUNT, "value", 0.6),
    (AMOUNT, "dollar", 0.8),
    (AMOUNT, "dollars", 0.8),
    (AMOUNT, "usd", 0.7),
    (AMOUNT, "eur", 0.7),
    (AMOUNT, "gbp", 0.7),
    (AMOUNT, "money", 0.7),
    (AMOUNT, "net", 0.5),
    (AMOUNT, "gross", 0.5),
    (AMOUNT, "sum", 0.6),
    (AMOUNT, "total price", 0.9),
    (AMOUNT, "line total", 1.0),
    (AMOUNT, "order total", 1.0),
    (AMOUNT, "paid amount", 1.0),
    // Category, region, status, refund, discount, cost, store.
    (CATEGORY, "category", 1.0),
    (CATEGORY, "categories", 1.0),
    (CATEGORY, "department", 0.8),
    (CATEGORY, "dept", 0.8),
    (CATEGORY, "family", 0.5),
    (CATEGORY, "class", 0.5),
    (CATEGORY, "genre", 0.6),
    (REGION, "region", 1.0),
    (REGION, "country", 1.0),
    (REGION, "province", 0.9),
    (REGION, "state", 0.7),
    (REGION, "territory", 0.8),
    (REGION, "area", 0.6),
    (REGION, "address", 0.5),
    (CITY, "city", 1.0),
    (STATUS, "status", 1.0),
    (STATUS, "state of order", 0.8),
    (REFUND, "refund", 1.0),
    (REFUND, "refunded", 1.0),
    (REFUND, "refunds", 1.0),
    (DISCOUNT, "discount", 1.0),
    (DISCOUNT, "discounts", 1.0),
    (DISCOUNT, "rebate", 0.8),
    (COST, "cost", 0.9),
    (COST, "cogs", 1.0),
    (STORE, "store", 0.9),
    (STORE, "shop", 0.8),
    (STORE, "channel", 0.9),
    (STORE, "branch", 0.7),
    (STORE, "outlet", 0.7),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_snake_case_log() {
        assert_eq!(
            roles_of("member_number,txn_date,dollar_value,number_of_items,sku"),
            [Some(CustomerId), Some(Datetime), Some(Amount), Some(Quantity), Some(ProductId)]
        );
    }

    #[test]
    fn words_the_other_fixtures_use() {
        assert_eq!(
            roles_of("Transaction,Member,Item,Date,Paid Amount"),
            [Some(OrderId), Some(CustomerId), Some(ProductName), Some(Datetime), Some(Amount)]
        );
        assert_eq!(
            roles_of("Order No.,Client ID,Created Time,Order Total,Refund"),
            [Some(OrderId), Some(CustomerId), Some(Datetime), Some(Amount), Some(RefundAmount)]
        );
        assert_eq!(
            roles_of("buyerName,orderDate,unitPrice,qtyOrdered"),
            [Some(CustomerId), Some(Datetime), Some(UnitPrice), Some(Quantity)]
        );
    }
}
