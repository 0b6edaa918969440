// Optional classes (issue 18, seed 003): credit, satisfaction and member level.
export default {
  'role.credit': 'Credit level',
  'role.satisfaction': 'Satisfaction',
  'segment.attr.credit': 'Credit level',
  'segment.attr.satisfaction': 'Satisfaction',
  'classes.title_tier': 'Classes by value tier',
  'classes.title_quadrant': 'Classes by quadrant',
  'classes.note':
    'Credit, satisfaction and member level from the customers file, per segment: customers · share of the segment · lift against all customers. ▲ over-represented, ▼ under-represented (lift ≥ 1.2 or ≤ 0.8, |z| ≥ 1.96, at least 30 customers). Hover a cell for its net sales.',
  'classes.known': 'Customers with a value',
  'classes.caption': '{name} ({header}) by {scheme}',
  'classes.caption_plain': '{name} by {scheme}',
  'classes.cell_title': 'Net sales {sales}',
};
