//! Second-order forward-mode derivatives in four variables: a [`Jet`] carries a value with its
//! gradient and Hessian, and arithmetic on jets applies the chain rule. The Pareto/NBD
//! likelihood uses it for its analytic gradient and Hessian in (r, α, s, β); the one place
//! that is not a composition of elementary functions (the hypergeometric series) supplies its
//! own partial derivatives through [`Jet::compose`].

/// Number of variables.
pub(crate) const N: usize = 4;

/// A value `v` with its gradient `g` and (symmetric, row-major) Hessian `h`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Jet {
    pub v: f64,
    pub g: [f64; N],
    pub h: [f64; N * N],
}

impl Jet {
    /// A constant.
    pub fn constant(v: f64) -> Jet {
        Jet { v, g: [0.0; N], h: [0.0; N * N] }
    }

    /// The variable number `i` at value `v`.
    pub fn var(v: f64, i: usize) -> Jet {
        let mut j = Jet::constant(v);
        j.g[i] = 1.0;
        j
    }

    /// `f(self)` given `f`, `f′` and `f″` at `self.v`.
    pub fn chain(&self, f: f64, d1: f64, d2: f64) -> Jet {
        let mut out = Jet::constant(f);
        for i in 0..N {
            out.g[i] = d1 * self.g[i];
        }
        for i in 0..N {
            for j in 0..N {
                out.h[i * N + j] = d2 * self.g[i] * self.g[j] + d1 * self.h[i * N + j];
            }
        }
        out
    }

    /// `f(u₀, …, u_{K−1})` given `f`, its gradient `d1` and Hessian `d2` in the `u`s.
    pub fn compose<const K: usize>(f: f64, d1: &[f64; K], d2: &[[f64; K]; K], u: [&Jet; K]) -> Jet {
        let mut out = Jet::constant(f);
        for (k, uk) in u.iter().enumerate() {
            for i in 0..N {
                out.g[i] += d1[k] * uk.g[i];
            }
            for i in 0..N * N {
                out.h[i] += d1[k] * uk.h[i];
            }
            for (l, ul) in u.iter().enumerate() {
                let c = d2[k][l];
                if c != 0.0 {
                    for i in 0..N {
                        for j in 0..N {
                            out.h[i * N + j] += c * uk.g[i] * ul.g[j];
                        }
                    }
                }
            }
        }
        out
    }

    pub fn add(&self, o: &Jet) -> Jet {
        let mut out = *self;
        out.v += o.v;
        out.g.iter_mut().zip(&o.g).for_each(|(a, b)| *a += b);
        out.h.iter_mut().zip(&o.h).for_each(|(a, b)| *a += b);
        out
    }

    pub fn sub(&self, o: &Jet) -> Jet {
        self.add(&o.scale(-1.0))
    }

    pub fn scale(&self, k: f64) -> Jet {
        let mut out = *self;
        out.v *= k;
        out.g.iter_mut().for_each(|a| *a *= k);
        out.h.iter_mut().for_each(|a| *a *= k);
        out
    }

    pub fn add_const(&self, c: f64) -> Jet {
        let mut out = *self;
        out.v += c;
        out
    }

    pub fn mul(&self, o: &Jet) -> Jet {
        let mut out = Jet::constant(self.v * o.v);
        for i in 0..N {
            out.g[i] = self.g[i] * o.v + self.v * o.g[i];
        }
        for i in 0..N {
            for j in 0..N {
                let k = i * N + j;
                out.h[k] = self.h[k] * o.v + self.v * o.h[k] + self.g[i] * o.g[j] + o.g[i] * self.g[j];
            }
        }
        out
    }

    pub fn recip(&self) -> Jet {
        let r = 1.0 / self.v;
        self.chain(r, -r * r, 2.0 * r * r * r)
    }

    /// `self / o`, the value divided as `f64`s (the derivatives through `1/o`).
    pub fn div(&self, o: &Jet) -> Jet {
        let mut out = self.mul(&o.recip());
        out.v = self.v / o.v;
        out
    }

    pub fn ln(&self) -> Jet {
        let r = 1.0 / self.v;
        self.chain(self.v.ln(), r, -r * r)
    }

    pub fn ln_1p(&self) -> Jet {
        let r = 1.0 / (1.0 + self.v);
        self.chain(self.v.ln_1p(), r, -r * r)
    }

    pub fn exp_m1(&self) -> Jet {
        let e = self.v.exp();
        self.chain(self.v.exp_m1(), e, e)
    }

    /// `ln Γ(self)`.
    pub fn ln_gamma(&self) -> Jet {
        use super::special::{digamma, ln_gamma, trigamma};
        self.chain(ln_gamma(self.v), digamma(self.v), trigamma(self.v))
    }

    /// `ln(e^self + e^o)`; a `−∞` side drops out.
    pub fn log_add_exp(&self, o: &Jet) -> Jet {
        if o.v == f64::NEG_INFINITY {
            return *self;
        }
        if self.v == f64::NEG_INFINITY {
            return *o;
        }
        let v = super::special::log_add_exp(self.v, o.v);
        let (wa, wb) = ((self.v - v).exp(), (o.v - v).exp());
        let mut out = Jet::constant(v);
        let d: [f64; N] = std::array::from_fn(|i| self.g[i] - o.g[i]);
        out.g = std::array::from_fn(|i| wa * self.g[i] + wb * o.g[i]);
        let ww = wa * wb;
        for i in 0..N {
            for j in 0..N {
                let k = i * N + j;
                out.h[k] = wa * self.h[k] + wb * o.h[k] + ww * d[i] * d[j];
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f(p) = ln Γ(p₀ p₁) + ln(1 + e^(p₂/p₃)) − expm1(p₀ − p₃) built from jets, against central
    /// differences of the plain function.
    #[test]
    fn jets_match_finite_differences() {
        let plain = |p: &[f64; 4]| {
            super::super::special::ln_gamma(p[0] * p[1]) + super::super::special::log_add_exp(0.0, p[2] / p[3])
                - (p[0] - p[3]).exp_m1()
        };
        let p = [0.7, 2.3, 1.1, 0.4];
        let v: Vec<Jet> = (0..4).map(|i| Jet::var(p[i], i)).collect();
        let j = v[0]
            .mul(&v[1])
            .ln_gamma()
            .add(&Jet::constant(0.0).log_add_exp(&v[2].mul(&v[3].recip())))
            .sub(&v[0].sub(&v[3]).exp_m1());
        assert!((j.v - plain(&p)).abs() < 1e-14);
        let h = 1e-4;
        for i in 0..4 {
            let (mut a, mut b) = (p, p);
            a[i] += h;
            b[i] -= h;
            let d = (plain(&a) - plain(&b)) / (2.0 * h);
            assert!((j.g[i] - d).abs() < 1e-7 * d.abs().max(1.0), "g[{i}] {} vs {d}", j.g[i]);
            for k in 0..4 {
                let f = |si: f64, sk: f64| {
                    let mut q = p;
                    q[i] += si * h;
                    q[k] += sk * h;
                    plain(&q)
                };
                let d2 = (f(1.0, 1.0) - f(1.0, -1.0) - f(-1.0, 1.0) + f(-1.0, -1.0)) / (4.0 * h * h);
                assert!(
                    (j.h[i * 4 + k] - d2).abs() < 1e-5 * d2.abs().max(1.0),
                    "h[{i}][{k}] {} vs {d2}",
                    j.h[i * 4 + k]
                );
            }
        }
    }
}
