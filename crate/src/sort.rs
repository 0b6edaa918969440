//! The crate's sorts. Every sort goes through these helpers, never `slice::sort*` directly
//! (clippy.toml's `disallowed-methods`, on in the library).
//!
//! Why: the standard sorts are generic over the comparator, so each distinct closure got its
//! own copy of driftsort or ipnsort and their small-sort networks, 1 to 10 KB of wasm each: at
//! ~85 call sites, 530 KB, 22 % of the wasm's code (issue 16). In the wasm build:
//!
//! - stable sorts ([`sort_by`], [`sort_by_key`], [`sort`]) and sorts whose comparator is total
//!   ([`sort_total_by`], [`sort_total_by_key`], [`sort_total`]) sort a `u32` permutation with
//!   the one stable sort of the crate, the comparator behind `&mut dyn FnMut`, then swap the
//!   elements into place (slices of up to 16 by insertion): one sort for all of them;
//! - the other unstable sorts ([`sort_unstable_by`], [`sort_unstable_by_key`]) keep the
//!   standard ipnsort on the same element type, the comparator behind `&mut dyn FnMut`: one copy
//!   per element type.
//!
//! Natively all of them are the standard sorts, comparator inlined (speed).
//!
//! Results are the same in both builds, byte for byte: a stable sort has only one answer; so
//! has any sort by a total comparator; and ipnsort's answer depends only on the element type
//! and the comparator's answers, which do not change.
//!
//! Which to pick ([`sort_hot`] aside):
//! - [`sort_by`] / [`sort_by_key`] / [`sort`]: equal elements keep their order;
//! - [`sort_total_by`] / [`sort_total_by_key`] / [`sort_total`]: the comparator is *total*: it
//!   calls two elements equal only when their order cannot change the result, because they are
//!   interchangeable (bitwise-equal values, ids broken by index, unique keys) or because the
//!   code after treats equal ones alike (say so in a comment at the call);
//! - [`sort_unstable_by`] / [`sort_unstable_by_key`]: neither holds, and the order of ties is
//!   whatever ipnsort gives (e.g. amounts summed in that order: kept as it was).
//!
//! Collecting into a `BTreeMap` sorts too (a stable sort per key type): build maps with
//! `extend` or `insert`, which give the same map.
#![allow(clippy::disallowed_methods)]

use std::cmp::Ordering;

/// Stable sort by `cmp` (`slice::sort_by`).
#[inline]
pub fn sort_by<T, F: FnMut(&T, &T) -> Ordering>(v: &mut [T], mut cmp: F) {
    #[cfg(target_arch = "wasm32")]
    stable_dyn(v, &mut cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by(&mut cmp);
}

/// Stable sort by key (`slice::sort_by_key`).
#[inline]
pub fn sort_by_key<T, K: Ord, F: FnMut(&T) -> K>(v: &mut [T], mut key: F) {
    #[cfg(target_arch = "wasm32")]
    stable_dyn(v, &mut |a, b| key(a).cmp(&key(b)));
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_by_key(&mut key);
}

/// Stable sort by `Ord` (`slice::sort`).
#[inline]
pub fn sort<T: Ord>(v: &mut [T]) {
    #[cfg(target_arch = "wasm32")]
    stable_dyn(v, &mut T::cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort();
}

/// Sort by a total `cmp` (see the module documentation), so that every sort gives the same
/// answer (`slice::sort_unstable_by` natively).
#[inline]
pub fn sort_total_by<T, F: FnMut(&T, &T) -> Ordering>(v: &mut [T], mut cmp: F) {
    #[cfg(target_arch = "wasm32")]
    stable_dyn(v, &mut cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(&mut cmp);
}

/// Sort by a total key (see the module documentation; `slice::sort_unstable_by_key` natively).
#[inline]
pub fn sort_total_by_key<T, K: Ord, F: FnMut(&T) -> K>(v: &mut [T], mut key: F) {
    #[cfg(target_arch = "wasm32")]
    stable_dyn(v, &mut |a, b| key(a).cmp(&key(b)));
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by_key(&mut key);
}

/// Sort of values whose equal ones are interchangeable (numbers, ids, strings, tuples and
/// derived `Ord` of those; `slice::sort_unstable` natively).
#[inline]
pub fn sort_total<T: Ord>(v: &mut [T]) {
    #[cfg(target_arch = "wasm32")]
    stable_dyn(v, &mut T::cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable();
}

/// [`sort_total`] that stays the standard `sort_unstable` in the wasm build too: one copy per
/// element type, comparison inlined. For the few hot sorts of plain numbers, where the shared
/// sort (a dynamic call per comparison, then the moves) costs time: the ingest's fingerprints,
/// the baskets' items, the sequence miner's candidates.
#[inline]
pub fn sort_hot<T: Ord>(v: &mut [T]) {
    v.sort_unstable();
}

/// Unstable sort by `cmp` (`slice::sort_unstable_by`), where `cmp` may call distinguishable
/// elements equal and their order is ipnsort's. Prefer [`sort_by`] or [`sort_total_by`].
#[inline]
pub fn sort_unstable_by<T, F: FnMut(&T, &T) -> Ordering>(v: &mut [T], mut cmp: F) {
    #[cfg(target_arch = "wasm32")]
    unstable_dyn(v, &mut cmp);
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by(&mut cmp);
}

/// Unstable sort by key (`slice::sort_unstable_by_key`), as [`sort_unstable_by`].
#[inline]
pub fn sort_unstable_by_key<T, K: Ord, F: FnMut(&T) -> K>(v: &mut [T], mut key: F) {
    #[cfg(target_arch = "wasm32")]
    unstable_dyn(v, &mut |a, b| key(a).cmp(&key(b)));
    #[cfg(not(target_arch = "wasm32"))]
    v.sort_unstable_by_key(&mut key);
}

/// ipnsort on `T`, one copy per `T`. `a < b` is asked as `cmp(a, b) == Less`, as
/// `sort_unstable_by` and `sort_unstable_by_key` both do, so the answers are the same.
#[cfg(target_arch = "wasm32")]
#[inline(never)]
fn unstable_dyn<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    v.sort_unstable_by(|a, b| cmp(a, b));
}

/// Stable sort of any `T`: short slices by insertion, longer ones through a `u32` permutation.
#[cfg(any(target_arch = "wasm32", test))]
#[inline(never)]
fn stable_dyn<T>(v: &mut [T], cmp: &mut dyn FnMut(&T, &T) -> Ordering) {
    const SHORT: usize = 16;
    if v.len() <= SHORT {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let n = u32::try_from(v.len()).expect("a wasm slice has fewer than 2^32 elements");
    let mut perm: Vec<u32> = (0..n).collect();
    {
        let s: &[T] = v;
        sort_permutation(&mut perm, &mut |i, j| cmp(&s[i as usize], &s[j as usize]));
    }
    // Position k takes the element at perm[k]: follow each cycle with swaps, marking each
    // position done by pointing it at itself.
    for start in 0..v.len() {
        let mut cur = start;
        loop {
            let next = perm[cur] as usize;
            perm[cur] = cur as u32;
            if next == start || next == cur {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

/// The one stable sort (driftsort on `u32`) behind every [`stable_dyn`].
#[cfg(any(target_arch = "wasm32", test))]
#[inline(never)]
fn sort_permutation(perm: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    perm.sort_by(|&i, &j| cmp(i, j));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permutation_path_is_the_stable_sort() {
        let mut state = 7u64;
        for n in [0usize, 1, 2, 3, 17, 100, 1000] {
            let v: Vec<(u8, u32)> = (0..n as u32)
                .map(|i| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((state >> 60) as u8, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|e| e.0);
            let mut got = v.clone();
            stable_dyn(&mut got, &mut |a, b| a.0.cmp(&b.0));
            assert_eq!(got, want, "n = {n}");
            let mut got = v.clone();
            sort_by_key(&mut got, |e| e.0);
            assert_eq!(got, want);
        }
    }
}
