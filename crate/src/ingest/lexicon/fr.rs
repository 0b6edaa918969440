//! French header words.

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER, "client", 0.9),
    (CUSTOMER, "clients", 0.9),
    (CUSTOMER, "cliente", 0.9),
    (CUSTOMER, "acheteur", 0.85),
    (CUSTOMER, "membre", 0.8),
    (CUSTOMER, "adhérent", 0.8),
    (CUSTOMER, "utilisateur", 0.6),
    (CUSTOMER, "abonné", 0.6),
    (ORDER, "commande", 0.85),
    (ORDER, "facture", 0.85),
    (ORDER, "ticket", 0.7),
    (ORDER, "reçu", 0.7),
    (ORDER, "bon", 0.5),
    (ORDER, "transaction", 0.85),
    (ORDER, "vente", 0.5),
    (ORDER, "achat", 0.5),
    (PRODUCT, "produit", 0.9),
    (PRODUCT, "article", 0.85),
    (PRODUCT, "marchandise", 0.7),
    (PRODUCT_ID, "référence", 0.8),
    (PRODUCT_ID, "réf", 0.7),
    (PRODUCT_ID, "code article", 1.0),
    (PRODUCT_ID, "code barre", 1.0),
    (PRODUCT_NAME, "désignation", 0.9),
    (PRODUCT_NAME, "libellé", 0.8),
    (PRODUCT_NAME, "description", 0.8),
    (ID, "n°", 0.9),
    (ID, "nº", 0.9),
    (ID, "no", 0.8),
    (ID, "num", 0.8),
    (ID, "numéro", 0.9),
    (ID, "numero", 0.9),
    (ID, "identifiant", 0.9),
    (ID, "code", 0.7),
    (NAME, "nom", 0.6),
    (NAME, "intitulé", 0.6),
    (DATE, "date", 0.95),
    (DATE, "heure", 0.8),
    (DATE, "jour", 0.6),
    (DATE, "horodatage", 1.0),
    (QUANTITY, "quantité", 1.0),
    (QUANTITY, "quantite", 1.0),
    (QUANTITY, "qté", 1.0),
    (QUANTITY, "qte", 1.0),
    (QUANTITY, "nombre", 0.7),
    (QUANTITY, "nombre de", 0.9),
    (QUANTITY, "pièces", 0.8),
    (UNIT_PRICE, "prix", 0.85),
    (UNIT_PRICE, "prix unitaire", 1.0),
    (UNIT_PRICE, "unitaire", 0.6),
    (UNIT_PRICE, "pu", 0.6),
    (UNIT_PRICE, "tarif", 0.7),
    (AMOUNT, "montant", 0.9),
    (AMOUNT, "montant total", 1.0),
    (AMOUNT, "prix total", 0.95),
    (AMOUNT, "total", 0.75),
    (AMOUNT, "ttc", 0.6),
    (AMOUNT, "ht", 0.5),
    (AMOUNT, "somme", 0.7),
    (AMOUNT, "payé", 0.6),
    (AMOUNT, "valeur", 0.6),
    (AMOUNT, "chiffre d affaires", 0.9),
    (CATEGORY, "catégorie", 1.0),
    (CATEGORY, "categorie", 1.0),
    (CATEGORY, "rayon", 0.8),
    (CATEGORY, "famille", 0.8),
    (REGION, "région", 1.0),
    (REGION, "pays", 1.0),
    (REGION, "département", 0.7),
    (REGION, "adresse", 0.5),
    (CITY, "ville", 1.0),
    (CITY, "commune", 0.8),
    (STATUS, "statut", 1.0),
    (STATUS, "état", 0.8),
    (REFUND, "remboursement", 1.0),
    (REFUND, "remboursé", 1.0),
    (REFUND, "avoir", 0.7),
    (DISCOUNT, "remise", 1.0),
    (DISCOUNT, "réduction", 0.9),
    (DISCOUNT, "rabais", 0.9),
    (COST, "coût", 0.9),
    (COST, "prix d achat", 1.0),
    (STORE, "magasin", 1.0),
    (STORE, "boutique", 0.9),
    (STORE, "canal", 0.9),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_french_export() {
        assert_eq!(
            roles_of("N° client;Facture;Quantité;Prix unitaire;Date"),
            [Some(CustomerId), Some(OrderId), Some(Quantity), Some(UnitPrice), Some(Datetime)]
        );
        assert_eq!(
            roles_of("Numéro de commande;Référence;Désignation;Qté;Montant TTC;Date de commande;Pays"),
            [
                Some(OrderId),
                Some(ProductId),
                Some(ProductName),
                Some(Quantity),
                Some(Amount),
                Some(Datetime),
                Some(Region)
            ]
        );
    }
}
