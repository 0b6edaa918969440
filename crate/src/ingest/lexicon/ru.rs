//! Russian header words (case endings are matched: `заказа`, `клиента`).

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER, "клиент", 0.9),
    (CUSTOMER, "покупатель", 0.9),
    (CUSTOMER, "заказчик", 0.85),
    (CUSTOMER, "контрагент", 0.8),
    (CUSTOMER, "пользователь", 0.6),
    (CUSTOMER, "участник", 0.6),
    (CUSTOMER, "абонент", 0.6),
    (ORDER, "заказ", 0.85),
    (ORDER, "счет", 0.8),
    (ORDER, "счёт", 0.8),
    (ORDER, "чек", 0.85),
    (ORDER, "транзакция", 0.85),
    (ORDER, "накладная", 0.7),
    (ORDER, "документ", 0.5),
    (ORDER, "продажа", 0.5),
    (PRODUCT, "товар", 0.9),
    (PRODUCT, "продукт", 0.9),
    (PRODUCT, "изделие", 0.7),
    (PRODUCT_ID, "артикул", 0.95),
    (PRODUCT_ID, "штрихкод", 1.0),
    (PRODUCT_NAME, "номенклатура", 0.85),
    (PRODUCT_NAME, "описание", 0.8),
    (ID, "номер", 0.85),
    (ID, "код", 0.8),
    (ID, "ид", 0.8),
    (ID, "идентификатор", 0.9),
    (NAME, "наименование", 0.7),
    (NAME, "название", 0.6),
    (NAME, "имя", 0.6),
    (DATE, "дата", 1.0),
    (DATE, "время", 0.8),
    (DATE, "день", 0.6),
    (QUANTITY, "количество", 1.0),
    (QUANTITY, "кол", 0.9),
    (QUANTITY, "колво", 1.0),
    (QUANTITY, "шт", 0.8),
    (UNIT_PRICE, "цена", 0.9),
    (UNIT_PRICE, "цена за единицу", 1.0),
    (AMOUNT, "сумма", 0.9),
    (AMOUNT, "итого", 0.8),
    (AMOUNT, "всего", 0.6),
    (AMOUNT, "стоимость", 0.8),
    (AMOUNT, "выручка", 0.9),
    (AMOUNT, "оплачено", 0.6),
    (AMOUNT, "оплата", 0.6),
    (CATEGORY, "категория", 1.0),
    (CATEGORY, "группа", 0.6),
    (CATEGORY, "раздел", 0.6),
    (REGION, "регион", 1.0),
    (REGION, "страна", 1.0),
    (REGION, "область", 0.9),
    (REGION, "край", 0.7),
    (REGION, "адрес", 0.5),
    (CITY, "город", 1.0),
    (STATUS, "статус", 1.0),
    (STATUS, "состояние", 0.8),
    (REFUND, "возврат", 1.0),
    (DISCOUNT, "скидка", 1.0),
    (COST, "себестоимость", 1.0),
    (STORE, "магазин", 1.0),
    (STORE, "канал", 0.9),
    (STORE, "филиал", 0.9),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_russian_export() {
        assert_eq!(
            roles_of("Клиент;Заказ;Количество;Цена;Дата"),
            [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]
        );
        assert_eq!(
            roles_of("Номер заказа;Код клиента;Наименование товара;Кол-во;Сумма"),
            [Some(OrderId), Some(CustomerId), Some(ProductName), Some(Quantity), Some(Amount)]
        );
    }
}
