//! Italian header words.

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER, "cliente", 0.9),
    (CUSTOMER, "clienti", 0.9),
    (CUSTOMER, "acquirente", 0.85),
    (CUSTOMER, "socio", 0.8),
    (CUSTOMER, "membro", 0.8),
    (CUSTOMER, "utente", 0.6),
    (ORDER, "ordine", 0.85),
    (ORDER, "fattura", 0.85),
    (ORDER, "scontrino", 0.85),
    (ORDER, "ricevuta", 0.7),
    (ORDER, "transazione", 0.85),
    (ORDER, "documento", 0.5),
    (ORDER, "vendita", 0.5),
    (PRODUCT, "prodotto", 0.9),
    (PRODUCT, "articolo", 0.85),
    (PRODUCT, "merce", 0.7),
    (PRODUCT_NAME, "descrizione", 0.85),
    (PRODUCT_ID, "codice articolo", 1.0),
    (PRODUCT_ID, "codice a barre", 1.0),
    (ID, "n°", 0.9),
    (ID, "nº", 0.9),
    (ID, "num", 0.8),
    (ID, "numero", 0.9),
    (ID, "codice", 0.8),
    (ID, "cod", 0.7),
    (ID, "identificativo", 0.9),
    (NAME, "nome", 0.6),
    (NAME, "denominazione", 0.6),
    (DATE, "data", 1.0),
    (DATE, "ora", 0.8),
    (DATE, "orario", 0.8),
    (DATE, "giorno", 0.6),
    (QUANTITY, "quantità", 1.0),
    (QUANTITY, "quantita", 1.0),
    (QUANTITY, "qtà", 1.0),
    (QUANTITY, "qta", 1.0),
    (QUANTITY, "pezzi", 0.9),
    (UNIT_PRICE, "prezzo", 0.85),
    (UNIT_PRICE, "prezzo unitario", 1.0),
    (UNIT_PRICE, "unitario", 0.6),
    (AMOUNT, "importo", 0.9),
    (AMOUNT, "totale", 0.8),
    (AMOUNT, "importo totale", 1.0),
    (AMOUNT, "prezzo totale", 0.95),
    (AMOUNT, "valore", 0.6),
    (AMOUNT, "pagato", 0.6),
    (AMOUNT, "fatturato", 0.8),
    (AMOUNT, "imponibile", 0.6),
    (CATEGORY, "categoria", 1.0),
    (CATEGORY, "reparto", 0.8),
    (CATEGORY, "famiglia", 0.7),
    (REGION, "regione", 1.0),
    (REGION, "paese", 1.0),
    (REGION, "nazione", 1.0),
    (REGION, "provincia", 0.9),
    (REGION, "indirizzo", 0.5),
    (CITY, "città", 1.0),
    (CITY, "citta", 1.0),
    (CITY, "comune", 0.8),
    (STATUS, "stato", 0.8),
    (REFUND, "rimborso", 1.0),
    (REFUND, "reso", 0.8),
    (DISCOUNT, "sconto", 1.0),
    (COST, "costo", 0.9),
    (STORE, "negozio", 1.0),
    (STORE, "punto vendita", 1.0),
    (STORE, "canale", 0.9),
    (STORE, "filiale", 0.9),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn an_italian_export() {
        assert_eq!(
            roles_of("Codice cliente;Numero fattura;Data;Descrizione;Quantità;Prezzo unitario;Importo"),
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
