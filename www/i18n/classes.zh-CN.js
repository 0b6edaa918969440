// 可选分类（issue 18，seed 003）：信用等级、满意度、会员等级。
export default {
  'role.credit': '信用等级',
  'role.satisfaction': '满意度',
  'segment.attr.credit': '信用等级',
  'segment.attr.satisfaction': '满意度',
  'classes.title_tier': '各价值层级的分类',
  'classes.title_quadrant': '各象限的分类',
  'classes.note':
    '客户文件中的信用等级、满意度和会员等级，按分群列出：客户数 · 占该分群比例 · 相对全部客户的提升度。▲ 偏多，▼ 偏少（提升度 ≥ 1.2 或 ≤ 0.8，|z| ≥ 1.96，至少 30 位客户）。鼠标悬停可查看净销售额。',
  'classes.known': '有取值的客户',
  'classes.caption': '{name}（{header}）按{scheme}',
  'classes.caption_plain': '{name}按{scheme}',
  'classes.cell_title': '净销售额 {sales}',
};
