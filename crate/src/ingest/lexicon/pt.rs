//! Portuguese header words (Brazil and Portugal).

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER, "cliente", 0.9),
    (CUSTOMER, "clientes", 0.9),
    (CUSTOMER, "comprador", 0.85),
    (CUSTOMER, "sócio", 0.8),
    (CUSTOMER, "membro", 0.8),
    (CUSTOMER, "usuário", 0.6),
    (CUSTOMER, "utilizador", 0.6),
    (ORDER, "pedido", 0.85),
    (ORDER, "encomenda", 0.85),
    (ORDER, "fatura", 0.85),
    (ORDER, "nota", 0.6),
    (ORDER, "recibo", 0.7),
    (ORDER, "cupom", 0.7),
    (ORDER, "transação", 0.85),
    (ORDER, "transacao", 0.85),
    (ORDER, "venda", 0.5),
    (PRODUCT, "produto", 0.9),
    (PRODUCT, "artigo", 0.85),
    (PRODUCT, "mercadoria", 0.7),
    (PRODUCT_NAME, "descrição", 0.85),
    (PRODUCT_NAME, "descricao", 0.85),
    (PRODUCT_ID, "referência", 0.8),
    (PRODUCT_ID, "código de barras", 1.0),
    (ID, "nº", 0.9),
    (ID, "n°", 0.9),
    (ID, "num", 0.8),
    (ID, "número", 0.9),
    (ID, "numero", 0.9),
    (ID, "código", 0.8),
    (ID, "codigo", 0.8),
    (ID, "cód", 0.7),
    (NAME, "nome", 0.6),
    (DATE, "data", 1.0),
    (DATE, "hora", 0.8),
    (DATE, "dia", 0.6),
    (QUANTITY, "quantidade", 1.0),
    (QUANTITY, "qtd", 1.0),
    (QUANTITY, "qtde", 1.0),
    (QUANTITY, "unidades", 0.9),
    (UNIT_PRICE, "preço", 0.85),
    (UNIT_PRICE, "preco", 0.85),
    (UNIT_PRICE, "preço unitário", 1.0),
    (UNIT_PRICE, "preco unitario", 1.0),
    (UNIT_PRICE, "unitário", 0.6),
    (UNIT_PRICE, "unitario", 0.6),
    (AMOUNT, "valor", 0.8),
    (AMOUNT, "valor total", 1.0),
    (AMOUNT, "total", 0.75),
    (AMOUNT, "montante", 0.9),
    (AMOUNT, "pago", 0.6),
    (AMOUNT, "receita", 0.8),
    (AMOUNT, "subtotal", 0.75),
    (CATEGORY, "categoria", 1.0),
    (CATEGORY, "departamento", 0.7),
    (CATEGORY, "família", 0.7),
    (REGION, "região", 1.0),
    (REGION, "regiao", 1.0),
    (REGION, "país", 1.0),
    (REGION, "uf", 0.8),
    (REGION, "distrito", 0.7),
    (REGION, "endereço", 0.5),
    (CITY, "cidade", 1.0),
    (CITY, "município", 0.9),
    (STATUS, "status", 1.0),
    (STATUS, "situação", 0.8),
    (STATUS, "estado", 0.6),
    (REFUND, "reembolso", 1.0),
    (REFUND, "estorno", 1.0),
    (REFUND, "devolução", 0.9),
    (DISCOUNT, "desconto", 1.0),
    (COST, "custo", 0.9),
    (STORE, "loja", 1.0),
    (STORE, "filial", 0.9),
    (STORE, "canal", 0.9),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_portuguese_export() {
        assert_eq!(
            roles_of("Código do cliente;Nº do pedido;Data do pedido;Produto;Qtd;Preço unitário;Valor total"),
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
