// Navigation, the folded import line and the display settings (render/navigation.js,
// views/mapping.js's folded line, render/format.js's units).
export default {
  'nav.contents': 'Contents',
  'nav.tabs': 'Analyses',
  'nav.table_scroll': 'Table: {name} (scrolls sideways)',
  'map.folded': 'Read as: {files}.',
  'map.folded_file': '{name}: {encoding}, {delimiter}, {columns} columns, {roles} roles',
  'map.folded_sheet': '{name}: {columns} columns, {roles} roles',
  'ov.allows.all': '✓ all {count} analyses available',
  'map.change': 'Change',
  'fmt.setting.units': 'Large amounts in millions (M)',
  'fmt.delimiter.comma': 'comma',
  'fmt.delimiter.semicolon': 'semicolon',
  'fmt.delimiter.pipe': 'vertical bar',
  'fmt.delimiter.tab': 'tab',
  'fmt.delimiter.whitespace': 'spaces',
};
