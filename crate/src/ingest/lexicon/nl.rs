//! Dutch header words (compounds are also matched by their parts: `klant` + `nummer`).

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER_ID, "klantnummer", 1.0),
    (CUSTOMER_ID, "klantnr", 1.0),
    (CUSTOMER, "klant", 0.9),
    (CUSTOMER, "klanten", 0.9),
    (CUSTOMER, "koper", 0.85),
    (CUSTOMER, "lid", 0.6),
    (CUSTOMER, "gebruiker", 0.6),
    (CUSTOMER, "relatie", 0.7),
    (ORDER_ID, "bestelnummer", 1.0),
    (ORDER_ID, "ordernummer", 1.0),
    (ORDER_ID, "factuurnummer", 1.0),
    (ORDER, "bestelling", 0.85),
    (ORDER, "bestel", 0.85),
    (ORDER, "order", 0.85),
    (ORDER, "factuur", 0.85),
    (ORDER, "bon", 0.7),
    (ORDER, "kassabon", 0.85),
    (ORDER, "transactie", 0.85),
    (ORDER, "verkoop", 0.5),
    (PRODUCT_ID, "artikelnummer", 1.0),
    (PRODUCT, "product", 0.9),
    (PRODUCT, "artikel", 0.85),
    (PRODUCT, "artikelen", 0.85),
    (PRODUCT_NAME, "omschrijving", 0.85),
    (PRODUCT_NAME, "beschrijving", 0.8),
    (ID, "nummer", 0.8),
    (ID, "nr", 0.8),
    (ID, "code", 0.7),
    (NAME, "naam", 0.6),
    (DATE, "datum", 1.0),
    (DATE, "tijd", 0.8),
    (DATE, "tijdstip", 0.9),
    (DATE, "dag", 0.6),
    (DATE, "besteldatum", 1.0),
    (DATE, "factuurdatum", 1.0),
    (QUANTITY, "aantal", 1.0),
    (QUANTITY, "hoeveelheid", 1.0),
    (QUANTITY, "stuks", 0.9),
    (UNIT_PRICE, "prijs", 0.85),
    (UNIT_PRICE, "stukprijs", 1.0),
    (UNIT_PRICE, "eenheidsprijs", 1.0),
    (UNIT_PRICE, "prijs per stuk", 1.0),
    (AMOUNT, "bedrag", 0.9),
    (AMOUNT, "totaal", 0.8),
    (AMOUNT, "totaalbedrag", 1.0),
    (AMOUNT, "totaalprijs", 0.95),
    (AMOUNT, "omzet", 0.9),
    (AMOUNT, "waarde", 0.6),
    (AMOUNT, "betaald", 0.6),
    (AMOUNT, "subtotaal", 0.75),
    (CATEGORY, "categorie", 1.0),
    (CATEGORY, "productgroep", 1.0),
    (CATEGORY, "groep", 0.6),
    (CATEGORY, "afdeling", 0.7),
    (REGION, "regio", 1.0),
    (REGION, "land", 0.9),
    (REGION, "provincie", 0.9),
    (REGION, "adres", 0.5),
    (CITY, "stad", 1.0),
    (CITY, "plaats", 0.8),
    (CITY, "woonplaats", 0.9),
    (STATUS, "status", 1.0),
    (REFUND, "terugbetaling", 1.0),
    (REFUND, "restitutie", 1.0),
    (REFUND, "retour", 0.7),
    (DISCOUNT, "korting", 1.0),
    (COST, "kosten", 0.8),
    (COST, "kostprijs", 1.0),
    (STORE, "winkel", 1.0),
    (STORE, "filiaal", 1.0),
    (STORE, "kanaal", 0.9),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_dutch_export() {
        assert_eq!(
            roles_of("Klantnummer;Bestelnummer;Besteldatum;Omschrijving;Aantal;Stukprijs;Totaalbedrag"),
            [
                Some(CustomerId),
                Some(OrderId),
                Some(Datetime),
                Some(ProductName),
                Some(Quantity),
                Some(UnitPrice),
                Some(Amount)
            ]
        );
    }
}
