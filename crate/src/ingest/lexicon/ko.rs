//! Korean header words (Hangul runs match every word they contain: `주문번호` = `주문` + `번호`).

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER_ID, "고객번호", 1.0),
    (CUSTOMER_ID, "회원번호", 1.0),
    (CUSTOMER, "고객", 0.9),
    (CUSTOMER, "회원", 0.9),
    (CUSTOMER, "구매자", 0.85),
    (CUSTOMER, "주문자", 0.85),
    (CUSTOMER, "사용자", 0.6),
    (CUSTOMER, "손님", 0.8),
    (CUSTOMER, "거래처", 0.8),
    (ORDER_ID, "주문번호", 1.0),
    (ORDER, "주문", 0.85),
    (ORDER, "거래", 0.7),
    (ORDER, "영수증", 0.85),
    (ORDER, "송장", 0.6),
    (ORDER, "전표", 0.8),
    (PRODUCT_ID, "상품코드", 1.0),
    (PRODUCT_ID, "품번", 1.0),
    (PRODUCT_ID, "바코드", 1.0),
    (PRODUCT, "상품", 0.9),
    (PRODUCT, "제품", 0.9),
    (PRODUCT, "품목", 0.85),
    (PRODUCT, "물품", 0.8),
    (PRODUCT_NAME, "상품명", 1.0),
    (PRODUCT_NAME, "품명", 1.0),
    (ID, "번호", 0.85),
    (ID, "코드", 0.8),
    (ID, "아이디", 0.8),
    (NAME, "이름", 0.6),
    (NAME, "명", 0.5),
    (DATE, "일자", 1.0),
    (DATE, "날짜", 1.0),
    (DATE, "일시", 1.0),
    (DATE, "시간", 0.8),
    (DATE, "주문일", 1.0),
    (QUANTITY, "수량", 1.0),
    (QUANTITY, "개수", 1.0),
    (UNIT_PRICE, "단가", 1.0),
    (UNIT_PRICE, "가격", 0.85),
    (UNIT_PRICE, "판매가", 0.85),
    (AMOUNT, "금액", 0.9),
    (AMOUNT, "합계", 0.8),
    (AMOUNT, "총액", 0.9),
    (AMOUNT, "매출", 0.8),
    (AMOUNT, "결제금액", 1.0),
    (AMOUNT, "결제", 0.5),
    (CATEGORY, "카테고리", 1.0),
    (CATEGORY, "분류", 1.0),
    (CATEGORY, "범주", 0.9),
    (REGION, "지역", 1.0),
    (REGION, "국가", 1.0),
    (REGION, "시도", 0.9),
    (REGION, "주소", 0.5),
    (CITY, "도시", 1.0),
    (STATUS, "상태", 1.0),
    (REFUND, "환불", 1.0),
    (DISCOUNT, "할인", 1.0),
    (COST, "원가", 1.0),
    (STORE, "매장", 1.0),
    (STORE, "채널", 1.0),
    (STORE, "지점", 0.9),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_korean_export() {
        assert_eq!(
            roles_of("고객번호,주문번호,수량,단가,주문일자"),
            [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]
        );
        assert_eq!(
            roles_of("주문자 아이디,상품명,결제금액,주문 날짜"),
            [Some(CustomerId), Some(ProductName), Some(Amount), Some(Datetime)]
        );
    }
}
