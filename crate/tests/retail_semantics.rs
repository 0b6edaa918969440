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
    // Order-level money on the first line only: not the line's discount (`Lineitem discount` is).
    assert_eq!(role("Discount Amount"), None);
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

/// The demo store's sales file: discount, cost, category, channel, product names and the
/// province attribute reach the store, and their sums are what the generator wrote.
#[test]
fn demo_sales_fill_discount_cost_category_channel_and_attributes() {
    use clientele::demo::{generate, DemoParams, Lang};
    use clientele::model::{AttributeKind, LineKind, NO_VALUE};
    for lang in [Lang::Zh, Lang::En] {
        let demo = generate(&DemoParams { customers: 300, lang, ..DemoParams::default() }).unwrap();
        let mut s = Session::default();
        s.read_file("demo_sales.csv", demo.sales_csv.len() as u64, &demo.sales_csv[..]).unwrap();
        let f = &s.files()[0];
        let role = |i: usize| f.columns[i].role;
        assert_eq!(role(8), Some(Role::Discount));
        assert_eq!(role(10), Some(Role::Cost));
        assert_eq!(role(11), Some(Role::Store));
        assert_eq!(f.rows.dropped, 0, "{:?}", f.rows.dropped_by_reason);
        let l = s.lines();
        let c = demo.truth.counts.clone();
        assert_eq!(f.rows.purchase, c.sale_lines);
        assert_eq!(f.rows.returns, c.return_lines);
        let sum = |v: &clientele::model::Decimals, kind: Option<LineKind>| -> f64 {
            (0..l.len()).filter(|&i| kind.is_none_or(|k| l.kind[i] == k)).map(|i| v.at(i)).sum()
        };
        assert!(
            (sum(&l.discount, Some(LineKind::Purchase)) - c.discounts).abs() < 0.005,
            "{} vs {}",
            sum(&l.discount, Some(LineKind::Purchase)),
            c.discounts
        );
        assert!((sum(&l.cost, None) - c.cost).abs() < 0.005, "{} vs {}", sum(&l.cost, None), c.cost);
        assert!((sum(&l.amount, None) - c.net_sales).abs() < 0.005);
        // Returns carry discount and cost signed like their amount.
        for i in 0..l.len() {
            let sign = l.amount.at(i).signum();
            assert!(l.discount.at(i) * sign >= 0.0 && l.cost.at(i) * sign >= 0.0, "line {i}");
        }
        // Gross list value = net + discounts over sales.
        let gross = sum(&l.amount, Some(LineKind::Purchase)) + sum(&l.discount, Some(LineKind::Purchase));
        assert!((gross - c.gross_sales).abs() < 0.005);
        assert!(l.columns.discount && l.columns.cost && l.columns.category && l.columns.channel);
        assert!(l.columns.order_id && l.columns.product && !l.columns.order_level);
        assert!(l.category.iter().all(|x| x != NO_VALUE) && l.channel.iter().all(|x| x != NO_VALUE));
        assert_eq!(l.categories.len(), 12);
        assert_eq!(l.channels.len(), 3);
        // Product ids keep their names for display.
        let p = l.product.at(0);
        assert!(l.products.name(p).starts_with('P'));
        assert!(!l.product_label(p).starts_with('P'), "{}", l.product_label(p));
        // The province column is a customer attribute: one value per customer.
        let region = l.attributes.column(AttributeKind::Region).unwrap();
        let known = (0..l.customers.len() as u32).filter(|&c| region.get(c).is_some()).count();
        assert_eq!(known, l.customers.len());
        assert!(!f.order_level);
    }
}

/// A cost column read per unit (`单位成本`) or decided from the values, a per-unit and a rate
/// discount, and an order-level file.
#[test]
fn cost_and_discount_kinds() {
    // Unit cost by header, discount per unit; no amount column: amount = q × p − discount.
    let s = session("a.csv", "订单号,会员卡号,下单时间,商品编码,数量,单价,单位优惠,单位成本\n1,c1,2024-01-01,p1,3,10,1,4\n2,c1,2024-01-02,p2,-2,10,1,4\n");
    let l = s.lines();
    assert_eq!(l.amount.iter().collect::<Vec<_>>(), vec![27.0, -18.0]);
    assert_eq!(l.discount.iter().collect::<Vec<_>>(), vec![3.0, -2.0]);
    assert_eq!(l.cost.iter().collect::<Vec<_>>(), vec![12.0, -8.0]);
    // A bare "Cost" that looks like a unit cost (3 × 4 = 12 near the 10-a-unit price, far from 30).
    let s = session("b.csv", "Order,Customer,Date,Product,Qty,Amount,Cost,Discount Rate\n1,c1,2024-01-01,p1,3,24,4,20%\n2,c2,2024-01-01,p1,2,16,4,0.2\n");
    let l = s.lines();
    assert_eq!(l.cost.iter().collect::<Vec<_>>(), vec![12.0, 8.0]);
    // 24 paid after 20% off: 30 list, 6 off.
    assert!((l.discount.at(0) - 6.0).abs() < 1e-9 && (l.discount.at(1) - 4.0).abs() < 1e-9, "{:?}", l.discount);
    // A bare "Cost" that looks like a line cost.
    let s = session("c.csv", "Order,Customer,Date,Product,Qty,Amount,Cost\n1,c1,2024-01-01,p1,3,30,20\n");
    assert_eq!(s.lines().cost.iter().collect::<Vec<_>>(), vec![20.0]);
    // One row per order: order-level, basket analysis has nothing to mine.
    let s = session("d.csv", "Order,Customer,Date,Amount\n1,c1,2024-01-01,30\n2,c1,2024-01-02,20\n");
    assert!(s.files()[0].order_level && s.lines().columns.order_level);
    assert!(!s.lines().columns.product);
    // With products: 30 orders of one line each are evidence of an order-level file, 29 are not.
    for (n, level) in [(29, false), (30, true)] {
        let mut text = String::from("Order,Customer,Date,Product,Amount\n");
        for i in 0..n {
            text.push_str(&format!("{i},c{i},2024-01-01,p{i},10\n"));
        }
        assert_eq!(session("e.csv", &text).files()[0].order_level, level, "{n} orders");
    }
}

/// A customer-attributes file dropped with a sales file, in either order: recognised as such,
/// its rows accounted for, its attributes joined by customer id, and the match counted.
#[test]
fn customer_file_joins_by_customer_id_in_any_order() {
    use clientele::demo::{generate, DemoParams};
    use clientele::ingest::FileKind;
    use clientele::model::AttributeKind;
    let demo = generate(&DemoParams { customers: 200, ..DemoParams::default() }).unwrap();
    let mut customers = demo.customers_csv.clone();
    // A member with no sales, a row with no id and a totals row.
    customers.extend_from_slice("C9999999,女,25-34岁,杭州,金卡,2024-01-01\n,男,,,,\n合计,,,,,\n".as_bytes());
    for customers_first in [true, false] {
        let mut s = Session::default();
        let read = |s: &mut Session, name: &str, bytes: &[u8]| {
            s.read_file(name, bytes.len() as u64, bytes).unwrap();
        };
        if customers_first {
            read(&mut s, "demo_customers.csv", &customers);
            read(&mut s, "demo_sales.csv", &demo.sales_csv);
        } else {
            read(&mut s, "demo_sales.csv", &demo.sales_csv);
            read(&mut s, "demo_customers.csv", &customers);
        }
        let ov = clientele::overview(&s);
        let (ci, si) = if customers_first { (0, 1) } else { (1, 0) };
        let (cf, sf) = (&ov.files[ci], &ov.files[si]);
        assert_eq!((cf.kind, sf.kind), (FileKind::Customers, FileKind::Sales));
        let roles: Vec<Option<Role>> = cf.columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            [
                Role::CustomerId,
                Role::Gender,
                Role::Age,
                Role::City,
                Role::MemberLevel,
                Role::JoinDate,
                Role::Credit,
                Role::Satisfaction
            ]
            .map(Some)
            .to_vec()
        );
        assert_eq!((cf.rows.read, cf.rows.customer_rows, cf.rows.dropped, cf.rows.purchase), (203, 201, 2, 0));
        let reasons: Vec<(DropReason, u64)> = cf.rows.dropped_by_reason.iter().map(|r| (r.reason, r.rows)).collect();
        assert_eq!(reasons, vec![(DropReason::TotalRow, 1), (DropReason::NoCustomerId, 1)]);
        let m = cf.customer_match.unwrap();
        assert_eq!(
            (m.customers, m.matched, m.only_in_file, m.only_in_sales),
            (201, ov.sales.customers, 201 - ov.sales.customers, 0)
        );
        assert!(m.matched >= 190, "{m:?}");
        assert!(sf.customer_match.is_none());
        assert_eq!(ov.rows.read, ov.rows.purchase + ov.rows.returns + ov.rows.customer_rows + ov.rows.dropped);
        // Attributes of every sales customer, as in the customer file.
        let l = s.lines();
        let gender = l.attributes.column(AttributeKind::Gender).unwrap();
        let city = l.attributes.column(AttributeKind::City).unwrap();
        for &c in &l.customer {
            assert!(gender.get(c).is_some() && city.get(c).is_some());
        }
        let extra = l.customers.get("C9999999").unwrap();
        assert_eq!((gender.get(extra), city.get(extra)), (Some("女"), Some("杭州")));
        // The sales file's province is an attribute too; the join date is the file's text.
        assert!(l.attributes.column(AttributeKind::Region).is_some());
        assert_eq!(l.attributes.column(AttributeKind::JoinDate).unwrap().get(extra), Some("2024-01-01"));
        assert!(!l.columns.order_level);
    }
}

/// arules' groceries: one basket per line, no header. Read as 9,835 orders of guest lines over
/// 169 items, keeping the trailing spaces that are part of two item names.
#[test]
fn groceries_basket_format_file() {
    use clientele::ingest::FileKind;
    use clientele::model::NO_CUSTOMER;
    let bytes = std::fs::read(common::shared("groceries/groceries.csv")).unwrap();
    let mut s = Session::default();
    s.read_file("groceries.csv", bytes.len() as u64, &bytes[..]).unwrap();
    let f = &s.files()[0];
    assert_eq!(f.kind, FileKind::Baskets);
    assert_eq!((f.rows.read, f.rows.purchase, f.rows.guest, f.rows.dropped), (9_835, 9_835, 9_835, 0));
    assert_eq!((f.stats.orders, f.stats.products), (Some(9_835), Some(169)));
    assert!(!f.order_level);
    let l = s.lines();
    assert_eq!(l.products.len(), 169);
    assert!(l.products.get("cream cheese ").is_some() && l.products.get("cream cheese").is_none());
    assert!(l.customer.iter().all(|&c| c == NO_CUSTOMER) && l.time.iter().all(|t| t == 0));
    assert!(l.columns.undated && l.columns.product && !l.columns.order_level);
    let ov = clientele::overview(&s);
    assert_eq!((ov.sales.orders, ov.sales.customers, ov.sales.first.clone()), (9_835, 0, None));
    assert!(ov.monthly.is_empty());
    // The basket builder sees the same 9,835 baskets.
    let tx = clientele::basket::Transactions::from_lines(l, clientele::basket::ItemKey::Product).unwrap();
    assert_eq!((tx.len(), tx.items.len()), (9_835, 169));
}

/// mlxtend's five baskets as a basket-format file: the fifth names Onion twice, which is one
/// line with quantity 2, not two lines (so line counts and the basket builder agree).
#[test]
fn repeated_item_in_a_basket_line_is_one_line() {
    let text = "Milk,Onion,Nutmeg,Kidney Beans,Eggs,Yogurt\nDill,Onion,Nutmeg,Kidney Beans,Eggs,Yogurt\nMilk,Apple,Kidney Beans,Eggs\nMilk,Unicorn,Corn,Kidney Beans,Yogurt\nCorn,Onion,Onion,Kidney Beans,Ice cream,Eggs\n";
    let s = session("baskets.csv", text);
    let f = &s.files()[0];
    assert_eq!(f.kind, clientele::ingest::FileKind::Baskets);
    let l = s.lines();
    assert_eq!(l.len(), 6 + 6 + 4 + 5 + 5);
    let onion = l.products.get("Onion").unwrap();
    let fifth = l.orders.get("baskets.csv: basket 5").unwrap();
    let onions: Vec<f64> =
        (0..l.len()).filter(|&i| l.order[i] == fifth && l.product.at(i) == onion).map(|i| l.quantity.at(i)).collect();
    assert_eq!(onions, [2.0]);
    assert_eq!(l.quantity.iter().sum::<f64>(), 27.0);
}

/// A file with no header row: detected from its first line holding numbers and dates, and the
/// roles guessed from the values, at a lower confidence than header names.
#[test]
fn headerless_file_roles_from_values() {
    let s = session(
        "log.csv",
        "00001,1997-01-01,1,11.77\n00002,1997-01-12,1,12.00\n00002,1997-01-12,5,77.00\n00003,1997-01-02,2,20.76\n",
    );
    let f = &s.files()[0];
    assert_eq!(f.header_row, 0);
    let roles: Vec<Option<Role>> = f.columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [Role::CustomerId, Role::Datetime, Role::Quantity, Role::Amount].map(Some).to_vec());
    assert!(f.columns.iter().all(|c| c.confidence == 0.5));
    assert_eq!((f.rows.read, f.rows.purchase, f.rows.dropped), (4, 4, 0));
    assert_eq!(f.stats.customers, 3);
    assert!((f.stats.amount_sum - 121.53).abs() < 1e-9);
}
