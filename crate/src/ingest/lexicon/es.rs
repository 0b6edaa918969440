//! Spanish header words.

use super::*;

pub(super) const WORDS: &[Entry] = &[
    (CUSTOMER, "cliente", 0.9),
    (CUSTOMER, "clientes", 0.9),
    (CUSTOMER, "comprador", 0.85),
    (CUSTOMER, "socio", 0.8),
    (CUSTOMER, "miembro", 0.8),
    (CUSTOMER, "usuario", 0.6),
    (ORDER, "pedido", 0.85),
    (ORDER, "factura", 0.85),
    (ORDER, "orden", 0.8),
    (ORDER, "ticket", 0.7),
    (ORDER, "recibo", 0.7),
    (ORDER, "boleta", 0.7),
    (ORDER, "transacción", 0.85),
    (ORDER, "transaccion", 0.85),
    (ORDER, "venta", 0.5),
    (ORDER, "compra", 0.5),
    (PRODUCT, "producto", 0.9),
    (PRODUCT, "artículo", 0.85),
    (PRODUCT, "articulo", 0.85),
    (PRODUCT, "mercancía", 0.7),
    (PRODUCT_ID, "referencia", 0.8),
    (PRODUCT_ID, "código de barras", 1.0),
    (PRODUCT_NAME, "descripción", 0.85),
    (PRODUCT_NAME, "descripcion", 0.85),
    (ID, "n°", 0.9),
    (ID, "nº", 0.9),
    (ID, "no", 0.8),
    (ID, "núm", 0.8),
    (ID, "num", 0.8),
    (ID, "número", 0.9),
    (ID, "numero", 0.9),
    (ID, "código", 0.8),
    (ID, "codigo", 0.8),
    (ID, "identificador", 0.9),
    (NAME, "nombre", 0.6),
    (DATE, "fecha", 1.0),
    (DATE, "hora", 0.8),
    (DATE, "día", 0.6),
    (QUANTITY, "cantidad", 1.0),
    (QUANTITY, "cant", 0.9),
    (QUANTITY, "unidades", 0.9),
    (QUANTITY, "piezas", 0.8),
    (UNIT_PRICE, "precio", 0.85),
    (UNIT_PRICE, "precio unitario", 1.0),
    (UNIT_PRICE, "unitario", 0.6),
    (AMOUNT, "importe", 0.9),
    (AMOUNT, "monto", 0.9),
    (AMOUNT, "total", 0.75),
    (AMOUNT, "importe total", 1.0),
    (AMOUNT, "precio total", 0.95),
    (AMOUNT, "valor", 0.6),
    (AMOUNT, "pagado", 0.6),
    (AMOUNT, "ventas", 0.7),
    (AMOUNT, "subtotal", 0.75),
    (AMOUNT, "ingresos", 0.8),
    (CATEGORY, "categoría", 1.0),
    (CATEGORY, "categoria", 1.0),
    (CATEGORY, "familia", 0.8),
    (CATEGORY, "rubro", 0.8),
    (REGION, "región", 1.0),
    (REGION, "país", 1.0),
    (REGION, "pais", 1.0),
    (REGION, "provincia", 0.9),
    (REGION, "comunidad", 0.6),
    (REGION, "dirección", 0.5),
    (CITY, "ciudad", 1.0),
    (CITY, "localidad", 0.8),
    (STATUS, "estado", 0.8),
    (STATUS, "situación", 0.7),
    (REFUND, "reembolso", 1.0),
    (REFUND, "devolución", 0.9),
    (DISCOUNT, "descuento", 1.0),
    (COST, "costo", 0.9),
    (COST, "coste", 0.9),
    (STORE, "tienda", 1.0),
    (STORE, "sucursal", 0.9),
    (STORE, "canal", 0.9),
];

#[cfg(test)]
mod tests {
    use super::super::testing::roles_of;
    use crate::ingest::Role::*;

    #[test]
    fn a_spanish_export() {
        assert_eq!(
            roles_of("Nº Pedido;ID Cliente;Fecha;Descripción;Cantidad;Precio unitario;Importe total"),
            [
                Some(OrderId),
                Some(CustomerId),
                Some(Datetime),
                Some(ProductName),
                Some(Quantity),
                Some(UnitPrice),
                Some(Amount)
            ]
        );
    }
}
