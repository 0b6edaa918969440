#![allow(clippy::unwrap_used)]
//! Returns, refunds, statuses, masked ids and Shopify's layout.

mod common;

use clientele::ingest::{DropReason, Flag, Role};
use clientele::Session;

fn session(name: &str, text: &str) -> Session {
    let mut s = Session::default();
    s.read_file(name, text.len() as u64, text.as_bytes()).unwrap();
    s
}

#[test]
fn shopify_orders_export() {
    // Continuation rows leave money and status blank; `Total` is order-level and must not be
    // read as the line amount.
    let text = "Name,Email,Financial Status,Paid at,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing City,Refunded Amount\n\
        #1001,amy@example.com,paid,2025-12-03 23:59:29 +0000,64.40,9.56,2025-12-03 23:59:28 +0000,1,Dress M,36.98,D-M,Oldham,\n\
        #1001,amy@example.com,,,,,2025-12-03 23:59:28 +0000,1,Dress S,36.98,D-S,,\n\
        #1002,bob@example.com,refunded,2025-12-04 10:00:00 +0000,40.98,0,2025-12-04 10:00:00 +0000,1,Coat,40.98,C-1,Leeds,40.98\n\
        #1003,cat@example.com,partially_refunded,2025-12-05 10:00:00 +0000,50.00,0,2025-12-05 10:00:00 +0000,2,Hat,25.00,H-1,York,10.00\n\
        #1004,dan@example.com,voided,,30.00,0,2025-12-06 10:00:00 +0000,1,Scarf,30.00,S-1,Hull,\n";
    let s = session("orders_export.csv", text);
    let f = &s.files()[0];
    let role = |name: &str| f.columns.iter().find(|c| c.name == name).unwrap().role;
    assert_eq!(role("Name"), Some(Role::OrderId));
    assert_eq!(role("Email"), Some(Role::CustomerId));
    assert_eq!(role("Created at"), Some(Role::Datetime));
    assert_eq!(role("Total"), None);
    assert_eq!(role("Financial Status"), Some(Role::Status));
    assert_eq!(role("Refunded Amount"), Some(Role::RefundAmount));
    assert_eq!(role("Discount Amount"), Some(Role::Discount));
    assert_eq!(role("Billing City"), Some(Role::City));
    assert_eq!((f.rows.read, f.rows.purchase, f.rows.returns, f.rows.dropped), (5, 4, 0, 1));
    assert_eq!(f.rows.dropped_by_reason[0].reason, DropReason::UnpaidOrCancelled);
    assert_eq!(f.rows.dropped_by_reason[0].first_rows, vec![6]);
    assert_eq!(f.rows.flagged.iter().find(|x| x.flag == Flag::Refunded).unwrap().rows, 2);
    let ov = clientele::overview(&s);
    // 2 × 36.98 + 40.98 + 50 sold; 40.98 + 10 refunded.
    assert!((ov.sales.gross_sales - 164.94).abs() < 1e-9, "{}", ov.sales.gross_sales);
    assert!((ov.sales.returns + 50.98).abs() < 1e-9, "{}", ov.sales.returns);
    assert_eq!(ov.sales.customers, 3);
}

#[test]
fn pos_return_documents_and_masked_ids() {
    let text = "小票号,会员手机号,销售时间,商品名称,数量,实收金额,单据类型\n\
        1,138****1234,2024-01-02 10:00,牛奶,2,10.00,销售\n\
        2,138****1234,2024-01-03 10:00,牛奶,1,5.00,退货\n\
        3,139****0000,2024-01-03 11:00,面包,1,8.00,SELL\n";
    let s = session("pos.csv", text);
    let f = &s.files()[0];
    assert_eq!((f.rows.purchase, f.rows.returns), (2, 1));
    assert_eq!(f.rows.flagged.iter().find(|x| x.flag == Flag::MaskedCustomerId).unwrap().rows, 3);
    let ov = clientele::overview(&s);
    assert!((ov.sales.net_revenue - 13.0).abs() < 1e-9);
}

#[test]
fn taobao_closed_orders_are_not_sales_unless_refunded() {
    let text = "订单编号,买家会员名,订单创建时间,买家实际支付金额,订单状态,退款金额\n\
        =\"3049812345678901234\",t**1,2020-02-20 23:59:54,59.00,交易成功,无退款申请\n\
        =\"3049812345678901235\",t**2,2020-02-21 10:00:00,0.00,交易关闭,0\n\
        =\"3049812345678901236\",t**3,2020-02-22 10:00:00,120.00,交易关闭,120.00\n\
        =\"3049812345678901237\",t**4,2020-02-23 10:00:00,30.00,等待买家付款,\n";
    let s = session("ExportOrderList.csv", text);
    let f = &s.files()[0];
    assert_eq!((f.rows.read, f.rows.purchase, f.rows.dropped), (4, 2, 2));
    let reasons: Vec<_> = f.rows.dropped_by_reason.iter().map(|r| (r.reason, r.rows)).collect();
    assert_eq!(reasons, vec![(DropReason::UnpaidOrCancelled, 2)]);
    assert_eq!(s.lines().orders.name(s.lines().order[0]), "3049812345678901234");
    let ov = clientele::overview(&s);
    assert!((ov.sales.net_revenue - 59.0).abs() < 1e-9, "{}", ov.sales.net_revenue);
}
