#![allow(clippy::unwrap_used)]
//! The "probably not a product" suggestions generalise beyond Online Retail: on a small shop
//! export with other fee names (German, French, Spanish and Japanese shipping lines, a handling
//! charge priced per order, a gift-wrap code, a paper bag) each non-product is suggested for
//! the reason its lines show, and no product is; on the demo store, whose catalogue has no fee
//! at all but has products whose names contain fee-like words (Coffee Beans, Feeding Bottle,
//! Bin Bags, 垃圾袋), nothing is suggested by name or by code shape.

use std::collections::BTreeMap;

use clientele::basket::{ExclusionReason, ItemKey, Transactions};
use clientele::demo::{generate, DemoParams, Lang, SALES_FILE};
use clientele::Session;

fn baskets(name: &str, bytes: &[u8]) -> Transactions {
    let mut s = Session::default();
    s.read_file(name, bytes.len() as u64, bytes).unwrap();
    Transactions::from_lines(s.lines(), ItemKey::Product).unwrap()
}

/// 40 orders of a small European shop: two of 12 products each (every product in 6 or 7
/// orders, under 20%), and the shop's non-product lines.
fn shop_export() -> String {
    let products = [
        ("SKU-1000", "COFFEE GRINDER", 34.0),
        ("SKU-1001", "CARRIAGE CLOCK", 58.0),
        ("SKU-1002", "Feeding Bottle", 9.5),
        ("SKU-1003", "JUMBO BAG RED", 2.1),
        ("SKU-1004", "Bin Bags", 3.2),
        ("SKU-1005", "Kaffeebecher", 7.0),
        ("SKU-1006", "Théière en fonte", 41.0),
        ("SKU-1007", "Taza de té", 6.0),
        ("SKU-1008", "Teekanne", 22.0),
        ("SKU-1009", "Tea set", 27.0),
        ("SKU-1010", "急須", 30.0),
        ("SKU-1011", "Gift card holder", 4.0),
    ];
    let mut csv = String::from("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
    for k in 0..40usize {
        let day = format!("2024-{:02}-{:02} 10:00:00", 1 + k % 12, 1 + k % 28);
        let customer = 100 + k % 9;
        let mut line = |code: &str, name: &str, q: u32, price: f64| {
            csv.push_str(&format!("{},{code},{name},{q},{day},{price:.2},{customer}\n", 5000 + k));
        };
        for j in [k % 12, (k + 5) % 12] {
            let (code, name, price) = products[j];
            line(code, name, 1 + (k % 3) as u32, price);
        }
        // One shipping line per order, named in the language of the destination; its price
        // follows the weight.
        let shipping =
            [("V-1", "Versandkosten"), ("F-2", "Frais de port"), ("E-3", "Gastos de envío"), ("S-4", "送料")][k % 4];
        line(shipping.0, shipping.1, 1, 4.9 + (k % 5) as f64 * 1.5);
        // A handling charge computed per order: one unit, a price that varies widely.
        if k % 5 == 0 {
            line("H-5", "Handling", 1, [1.0, 2.5, 9.0, 16.0, 3.0, 22.0, 0.5, 12.0][k / 5]);
        }
        // Gift wrap under a letter-only code among product codes with digits.
        if k % 7 == 0 {
            line("GW", "Geschenkverpackung", 1, 3.0);
        }
        // A paper bag: a few cents, in a third of the orders.
        if k % 3 == 0 {
            line("T-6", "Papiertüte", 1, 0.1);
        }
    }
    csv
}

#[test]
fn other_fee_names_pricing_and_codes_are_suggested_and_products_are_not() {
    let tx = baskets("shop.csv", shop_export().as_bytes());
    assert_eq!(tx.len(), 40);
    let got: BTreeMap<&str, ExclusionReason> =
        tx.suggest_exclusions(0.25).iter().map(|s| (tx.items[s.item as usize].as_str(), s.reason)).collect();
    let want: BTreeMap<&str, ExclusionReason> = [
        ("V-1", ExclusionReason::FeeOrBagName),
        ("F-2", ExclusionReason::FeeOrBagName),
        ("E-3", ExclusionReason::FeeOrBagName),
        ("S-4", ExclusionReason::FeeOrBagName),
        ("H-5", ExclusionReason::FeePricing),
        ("GW", ExclusionReason::NonProductCode),
        ("T-6", ExclusionReason::CheapAddOn),
    ]
    .into_iter()
    .collect();
    assert_eq!(got, want);
}

#[test]
fn the_demo_store_has_no_fee_and_none_is_suggested_by_name_or_code() {
    for lang in [Lang::En, Lang::Zh] {
        let files = generate(&DemoParams { lang, ..DemoParams::default() }).unwrap();
        let tx = baskets(SALES_FILE, &files.sales_csv);
        // The fee-like product names are there (so the test would see a name rule that matches
        // inside words)...
        let labels: Vec<&str> = (0..tx.items.len()).map(|i| tx.label(i as u32)).collect();
        let fee_like = if lang == Lang::En {
            ["Coffee Beans", "Feeding Bottle", "Bin Bags"]
        } else {
            ["咖啡豆", "奶瓶", "垃圾袋"]
        };
        for name in fee_like {
            assert!(labels.contains(&name), "{name} is in the demo catalogue");
        }
        // ...and no item is suggested for its name or the shape of its code.
        let s = tx.suggest_exclusions(0.25);
        let by_name: Vec<&str> = s
            .iter()
            .filter(|x| matches!(x.reason, ExclusionReason::FeeOrBagName | ExclusionReason::NonProductCode))
            .map(|x| x.label.as_str())
            .collect();
        assert_eq!(by_name, Vec::<&str>::new(), "{lang:?}");
    }
}
