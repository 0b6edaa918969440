#![allow(clippy::unwrap_used)]
//! Optional classes (issue 18, seed 003) on the demo store: the credit and satisfaction columns
//! of its customers file are read by role through ingest, and the planted effects recorded in
//! the demo truth (`class_effect`, counted by the generator from its own archetypes and margins)
//! are recovered from the profile output: Excellent credit over-represented in tier A, and
//! satisfaction 1-2 among the deal seekers. The customer table's class filter is counted against
//! the customers file itself. Run with `--release`.

use std::collections::BTreeMap;

use clientele::demo::{generate, DemoFiles, DemoParams, Lang, CUSTOMERS_FILE, SALES_FILE};
use clientele::segment::classes::class_columns;
use clientele::segment::profile::{profile, ProfileParams, Representation};
use clientele::segment::{analyse, RowQuery, Scheme, SegmentOptions, SegmentRef};
use clientele::Session;

fn demo(lang: Lang) -> (DemoFiles, Session) {
    let files = generate(&DemoParams { lang, ..DemoParams::default() }).unwrap();
    let mut s = Session::default();
    s.read_file(SALES_FILE, files.sales_csv.len() as u64, &files.sales_csv[..]).unwrap();
    s.read_file(CUSTOMERS_FILE, files.customers_csv.len() as u64, &files.customers_csv[..]).unwrap();
    (files, s)
}

/// (customer id → column value) for one header of the customers file.
fn column(files: &DemoFiles, header: &str) -> BTreeMap<String, String> {
    let text = std::str::from_utf8(&files.customers_csv).unwrap();
    let mut rows = text.lines();
    let head: Vec<&str> = rows.next().unwrap().split(',').collect();
    let j = head.iter().position(|h| *h == header).unwrap();
    rows.map(|r| {
        let cells: Vec<&str> = r.split(',').collect();
        (cells[0].to_owned(), cells[j].to_owned())
    })
    .collect()
}

#[test]
fn demo_classes_recover_the_planted_effects() {
    for (lang, excellent, credit_header) in [(Lang::En, "Excellent", "Credit Rating"), (Lang::Zh, "优秀", "信用等级")]
    {
        let (files, s) = demo(lang);
        let truth = &files.truth.class_effect;
        let lines = s.lines();
        let seg = analyse(lines, &SegmentOptions::default()).unwrap();
        let classes = &seg.summary.classes;
        assert!(classes.available);
        assert_eq!(
            classes.classes.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["credit", "satisfaction", "member_level"]
        );

        // Credit: Excellent in tier A (margin tiers, as the truth's tier A).
        let credit = &classes.classes[0];
        let tier = credit.splits.iter().find(|s| s.scheme == "tier").unwrap();
        assert_eq!(tier.segments[0], "A");
        let v = tier.profile.values.iter().position(|v| v.value == excellent).unwrap();
        let cell = &tier.profile.segments[0].cells[v];
        let planted = truth.lifts.iter().find(|l| l.column == "credit").unwrap();
        eprintln!(
            "{lang:?}: tier A {} customers, {} {excellent} (lift {:.3}); truth {} of {} (lift {:.3})",
            tier.profile.segments[0].known,
            cell.count,
            cell.lift,
            planted.with_value_in_group,
            planted.customers_in_group,
            planted.lift
        );
        assert_eq!(cell.representation, Representation::Over);
        assert!(cell.lift > 1.5, "{cell:?}");
        // The analysis's tier A is the truth's (same margins, same rule) up to cents and ties.
        assert!((cell.lift - planted.lift).abs() < 0.05, "{} vs {}", cell.lift, planted.lift);
        assert!(cell.count.abs_diff(planted.with_value_in_group) <= 5);
        // Poor credit is under-represented in tier A.
        let poor_name = if lang == Lang::En { "Poor" } else { "较差" };
        let poor = tier.profile.values.iter().position(|v| v.value == poor_name).unwrap();
        assert_eq!(tier.profile.segments[0].cells[poor].representation, Representation::Under);
        // The overall count of Excellent equals the customers file's.
        let credit_col = column(&files, credit_header);
        let in_file = credit_col.values().filter(|v| *v == excellent).count() as u64;
        assert_eq!(tier.profile.values[v].count, in_file);
        assert_eq!(in_file, planted.with_value);

        // Satisfaction: profile the class columns against the archetypes of the truth; scores 1
        // and 2 together among deal seekers equal the truth exactly.
        let as_of = clientele::ingest::values::parse_datetime(&seg.summary.facts.as_of).unwrap();
        let cols = class_columns(lines, as_of);
        let names: Vec<String> = files.truth.customers.keys().map(|k| (*k).to_owned()).collect();
        let mut labels = vec![None; lines.customers.len()];
        for (i, ids) in files.truth.customers.values().enumerate() {
            for id in ids {
                if let Some(c) = lines.customers.get(id) {
                    labels[c as usize] = Some(i);
                }
            }
        }
        let p = profile(&names, &labels, &cols, &ProfileParams::default()).unwrap();
        let sat = p.columns.iter().find(|c| c.key == "satisfaction").unwrap();
        let deal = names.iter().position(|n| n == "deal_seeker").unwrap();
        let low: Vec<usize> =
            sat.values.iter().enumerate().filter(|(_, v)| v.value == "1" || v.value == "2").map(|(j, _)| j).collect();
        assert_eq!(low.len(), 2);
        let seg_deal = &sat.segments[deal];
        let count: u64 = low.iter().map(|&j| seg_deal.cells[j].count).sum();
        let overall: u64 = low.iter().map(|&j| sat.values[j].count).sum();
        let lift = (count as f64 / seg_deal.known as f64) / (overall as f64 / sat.known as f64);
        let planted = truth.lifts.iter().find(|l| l.column == "satisfaction").unwrap();
        eprintln!(
            "{lang:?}: deal seekers {count} of {} at satisfaction 1-2 (lift {lift:.3}); truth lift {:.3}",
            seg_deal.known, planted.lift
        );
        assert_eq!(
            (count, seg_deal.known, overall),
            (planted.with_value_in_group, planted.customers_in_group, planted.with_value)
        );
        assert!((lift - planted.lift).abs() < 1e-9);
        for &j in &low {
            assert_eq!(seg_deal.cells[j].representation, Representation::Over);
        }

        // The class filter of the customer table counts what the customers file holds.
        let q = RowQuery {
            segment: Some(SegmentRef { scheme: Scheme::Class, key: format!("credit={excellent}") }),
            ..RowQuery::default()
        };
        let page = seg.table.rows(&q);
        assert_eq!(page.total as u64, in_file);
        assert!(page.rows.iter().all(|r| r.classes.get("credit").map(String::as_str) == Some(excellent)));
        assert!(page.rows.iter().all(|r| credit_col.get(&r.id).map(String::as_str) == Some(excellent)));
    }
}
