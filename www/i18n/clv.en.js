// clv strings (en). Keys are prefixed 'clv.'; merged into the main table by ./index.js.
export default {
  'clv.tab': 'Lifetime value',
  'clv.loading': 'Fitting the purchase and spend models…',
  'clv.cancelled': 'Cancelled.',

  // errors from the core (code without the 'clv.' prefix)
  'clv.no_customers': 'No customer has a purchase on or before the end of the observation period.',
  'clv.no_repeat_customers': 'No customer bought on two different days, so the models cannot be fitted.',
  'clv.bad_options': 'The fit settings are not valid.',
  'clv.bad_horizon': 'The horizon must be 1 to 1200 months and the discount rate a number above −1.',
  'clv.bad_split': 'The holdout must start after the first purchase and on or before the last day.',
  'clv.bad_date': '“{value}” is not a date (use YYYY-MM-DD).',
  'clv.no_finite_likelihood': 'The likelihood could not be evaluated anywhere the optimiser looked.',
  'clv.not_finite': 'A value in the data is not a finite number.',
  'clv.out_of_range': 'A value in the data is out of range.',
  'clv.length_mismatch': 'The input columns have different lengths.',
  'clv.bad_parameter': 'A model parameter is not a finite positive number.',
  'clv.bad_sort': 'The customer table has no column “{column}” to sort by.',
  'clv.error.unknown': 'The models could not be fitted.',

  // settings
  'clv.set.title': 'Settings',
  'clv.set.holdout': 'Holdout starts on',
  'clv.set.holdout_hint':
    'The models are fitted again on the days before the holdout and checked against what customers actually did in it. Empty: no holdout check.',
  'clv.set.unit': 'Time unit',
  'clv.set.horizon': 'Horizon (months)',
  'clv.set.discount': 'Monthly discount rate',
  'clv.set.apply': 'Fit',
  'clv.unit.weeks': 'weeks',
  'clv.unit.days': 'days',

  'clv.summary.title': 'Customers modelled',
  'clv.summary.customers': 'Customers',
  'clv.summary.repeat_customers': 'Repeat customers',
  'clv.summary.repeat_transactions': 'Repeat purchase days',
  'clv.summary.first': 'First purchase',
  'clv.summary.end': 'Observed to',
  'clv.summary.unit': 'Time unit',

  // warnings (code without the 'clv.' prefix; params as in the core)
  'clv.warn.title': 'Warnings',
  'clv.warn.none': 'None: the data are rich enough and every fit converged.',
  'clv.warn.few_repeat_customers':
    'Only {repeat_customers} customers made a repeat purchase; at least {minimum} are needed for reliable estimates.',
  'clv.warn.short_history':
    'The longest customer history is {history_days} days; purchase models need several months ({minimum_days} days at least).',
  'clv.warn.not_converged':
    'The fit did not fully converge (gradient {gradient_norm} after {iterations} iterations); treat the parameters with caution.',
  'clv.warn.parameter_at_boundary':
    'Parameter {parameter} ran to an extreme value ({value}): the data cannot pin the model down.',
  'clv.warn.work_budget_exhausted':
    'The fit stopped when its work budget ran out ({work} of {max_work} likelihood terms) and kept the best parameters found; raise the work budget to search further.',
  'clv.warn.no_standard_errors':
    'Standard errors are unavailable: the likelihood is flat or not concave at the optimum.',
  'clv.warn.spend_depends_on_frequency':
    'Frequency and mean spend are correlated ({correlation}); the Gamma-Gamma model assumes they are not.',
  'clv.warn.infinite_mean_spend': 'q = {q} ≤ 1: the population mean spend is infinite.',
  'clv.warn.horizon_beyond_history':
    'The {horizon_months}-month horizon is more than twice the {history_days} days of history: the predictions extrapolate far beyond anything observed.',
  'clv.warn.short_holdout':
    'The holdout is {holdout_days} days after a {calibration_days}-day calibration period; a useful check needs at least 4 weeks of holdout and a calibration period at least half as long.',
  'clv.model.report': 'Analysis',
  'clv.model.bgnbd': 'BG/NBD (purchases and dropout)',
  'clv.model.gamma_gamma': 'Gamma-Gamma (spend per purchase)',
  'clv.model.pareto_nbd': 'Pareto/NBD',
  'clv.model.calibration': 'BG/NBD on the calibration period',

  // parameters
  'clv.params.title': 'Model parameters',
  'clv.params.name': 'Parameter',
  'clv.params.value': 'Estimate',
  'clv.params.se': 'Standard error',
  'clv.params.ll': 'Log-likelihood:',
  'clv.params.converged': 'Converged in {iterations} iterations ({evaluations} evaluations); gradient norm {gradient}.',
  'clv.params.not_converged': 'Did not converge: {iterations} iterations, gradient norm {gradient}.',
  'clv.params.mean_spend': 'Population mean spend per purchase:',
  'clv.params.corr': 'correlation of frequency and spend {corr}',
  'clv.params.se_note':
    'Maximum likelihood in log-parameters; standard errors on the parameters’ own scale from the inverse Hessian (delta method). α is per {unit}.',
  'clv.param.r': 'r (purchase-rate shape)',
  'clv.param.alpha': 'α (purchase-rate scale)',
  'clv.param.a': 'a (dropout Beta)',
  'clv.param.b': 'b (dropout Beta)',
  'clv.param.p': 'p (spend shape)',
  'clv.param.q': 'q (scale shape)',
  'clv.param.gamma': 'γ (scale)',

  // validation
  'clv.val.title': 'Holdout check',
  'clv.val.none': 'No holdout: set a holdout start to check the model on data it has not seen.',
  'clv.val.split': 'Calibration to {end}, holdout to {obs} ({duration} {unit}).',
  'clv.val.actual': 'Holdout repeat purchases, actual',
  'clv.val.predicted': 'Holdout repeat purchases, predicted',
  'clv.val.mae': 'Per-customer error (MAE)',
  'clv.val.rmse': 'Per-customer error (RMSE)',
  'clv.val.tracking': 'Cumulative repeat purchases by {unit}: actual against predicted',
  'clv.val.conditional': 'Mean purchases in the holdout by number of repeat purchases in calibration',
  'clv.val.actual_line': 'Actual',
  'clv.val.predicted_line': 'Predicted',
  'clv.val.cumulative': 'Repeat purchases',
  'clv.val.holdout_starts': 'holdout',
  'clv.val.mean_holdout': 'Mean holdout purchases',
  'clv.val.col.frequency': 'Repeat purchases in calibration',
  'clv.val.col.customers': 'Customers',
  'clv.val.col.actual': 'Actual',
  'clv.val.col.predicted': 'Predicted',

  // table
  'clv.table.title': 'Customers: predictions over the next {months} months',
  'clv.table.prev': 'Previous',
  'clv.table.next': 'Next',
  'clv.table.range': '{from}–{to} of {total}',
  'clv.col.id': 'Customer',
  'clv.col.frequency': 'Frequency',
  'clv.col.recency': 'Recency',
  'clv.col.T': 'Age (T)',
  'clv.col.monetary': 'Mean repeat spend',
  'clv.col.expected_purchases': 'Expected purchases',
  'clv.col.p_alive': 'P(alive)',
  'clv.col.expected_spend': 'Expected spend',
  'clv.col.clv': 'CLV',

  // definitions
  'clv.def.title': 'Definitions',
  'clv.def.frequency': 'Frequency: the number of repeat purchase days (all purchases of one day count once).',
  'clv.def.recency': 'Recency: the customer’s age at her last purchase, from her first purchase day, in the time unit.',
  'clv.def.T': 'Age (T): from the first purchase day to the end of observation.',
  'clv.def.monetary': 'Mean repeat spend: the mean day total over the repeat days (the first day is left out).',
  'clv.def.p_alive': 'P(alive): the BG/NBD probability that the customer has not lapsed.',
  'clv.def.clv':
    'CLV: expected purchases month by month times the Gamma-Gamma expected spend, discounted monthly (as lifetimes’ customer_lifetime_value).',
  'clv.def.guests': 'Purchase lines only; returns and guest lines (no customer id) are left out.',
};
