#![allow(clippy::unwrap_used)]
//! The period comparison's label windows (`CustomerTable::labels`, read by the page's Compare
//! tab): every window, joined, gives each customer the same RFM segment and value tier as the
//! full per-customer rows, in the table's order, and windows past the end are empty.

use clientele::model::{Columns, Line, LineItems, LineKind};
use clientele::segment::labels::MAX_LABELS;
use clientele::segment::{analyse, SegmentOptions};

const DAY: i64 = 86_400;

/// 237 customers with 1 to 7 orders over two years and varied amounts.
fn lines() -> LineItems {
    let mut l = LineItems { columns: Columns::default(), ..LineItems::default() };
    for k in 0..237_i64 {
        let id = format!("C{k:04}");
        let c = l.customers.intern(&id);
        for j in 0..(1 + k % 7) {
            let o = l.orders.intern(&format!("{id}-{j}"));
            let day = (k * 37 + j * 53) % 730;
            let amount = 5.0 + ((k * 13 + j * 7) % 97) as f64 * 3.5;
            l.push_line(Line::new(c, o, day * DAY, 0, 1.0, amount, LineKind::Purchase));
        }
    }
    l
}

#[test]
fn label_windows_equal_the_rows_labels() {
    let seg = analyse(&lines(), &SegmentOptions::default()).unwrap();
    let table = &seg.table;
    let total = table.keys.len();
    assert_eq!(total, 237);
    let (mut ids, mut rfm11, mut tier) = (Vec::new(), Vec::new(), Vec::new());
    for offset in (0..total).step_by(50) {
        let page = table.labels(offset, 50);
        assert_eq!((page.total, page.offset), (total, offset));
        assert_eq!(page.ids.len(), 50.min(total - offset));
        ids.extend(page.ids.iter().cloned());
        rfm11.extend(page.rfm11.iter().map(|&c| page.rfm11_keys[usize::from(c)]));
        tier.extend(page.tier.iter().map(|&c| page.tier_keys[usize::from(c)]));
    }
    for i in 0..total {
        let row = table.row(i);
        assert_eq!((ids[i].as_str(), rfm11[i], tier[i]), (row.id.as_str(), row.rfm11, row.tier), "customer {i}");
    }
    // Every scheme key is used by some customer here, so the key lists cannot be shifted unseen.
    assert!(rfm11.iter().collect::<std::collections::BTreeSet<_>>().len() > 5);
    assert_eq!(tier.iter().collect::<std::collections::BTreeSet<_>>().len(), 4);
    let past = table.labels(total + 10, 50);
    assert!(past.ids.is_empty() && past.rfm11.is_empty() && past.offset == total);
    assert_eq!(table.labels(0, usize::MAX).ids.len(), total.min(MAX_LABELS));
}
