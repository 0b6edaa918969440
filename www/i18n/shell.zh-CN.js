// 导航、折叠后的导入行和显示设置（render/navigation.js、views/mapping.js、render/format.js）。
export default {
  'nav.contents': '目录',
  'nav.tabs': '分析',
  'nav.table_scroll': '表格：{name}（可左右滚动）',
  'map.folded': '读取方式：{files}。',
  'map.folded_file': '{name}：{encoding}，{delimiter}，{columns} 列，{roles} 个角色',
  'map.folded_sheet': '{name}：{columns} 列，{roles} 个角色',
  'ov.allows.all': '✓ 全部 {count} 项分析均可用',
  'map.change': '更改',
  'fmt.setting.units': '大金额以万 / 亿显示',
  'fmt.delimiter.comma': '逗号分隔',
  'fmt.delimiter.semicolon': '分号分隔',
  'fmt.delimiter.pipe': '竖线分隔',
  'fmt.delimiter.tab': '制表符分隔',
  'fmt.delimiter.whitespace': '空格对齐',
};
