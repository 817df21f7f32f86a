// The `ets` compiler options DevEco's ets-loader passes to ohos-typescript when it compiles ArkUI
// pages (developtools_ace_ets2bundle compiler/src/pre_define / ets_checker ETS_COMPILER_OPTIONS):
// which methods are render methods, which names are built-in components, the decorators, and the
// component declaration files (`libs`). With them, `struct`s and `Column() { Text('x') }` builders
// parse and type-check as in DevEco; the component set here is the full built-in list, and the
// declarations come from test/types/ohos/arkui (only the components entry/ uses are declared, so
// using another one fails with "Cannot find name").
const COMPONENTS = [
  'AbilityComponent', 'AlphabetIndexer', 'Animator', 'Badge', 'Blank', 'Button', 'Calendar', 'CalendarPicker',
  'Camera', 'Canvas', 'Checkbox', 'CheckboxGroup', 'Circle', 'ColorPicker', 'ColorPickerDialog', 'Column',
  'ColumnSplit', 'ContentSlot', 'Counter', 'DataPanel', 'DatePicker', 'Divider', 'EffectComponent', 'Ellipse',
  'EmbeddedComponent', 'Flex', 'FolderStack', 'FormComponent', 'FormLink', 'Gauge', 'GeometryView', 'Grid',
  'GridCol', 'GridContainer', 'GridItem', 'GridRow', 'Hyperlink', 'Image', 'ImageAnimator', 'Line', 'List',
  'ListItem', 'ListItemGroup', 'LoadingProgress', 'Marquee', 'Menu', 'MenuItem', 'MenuItemGroup',
  'NavDestination', 'NavRouter', 'Navigation', 'Navigator', 'NodeContainer', 'Option', 'Panel', 'Particle',
  'Path', 'PatternLock', 'Polygon', 'Polyline', 'Progress', 'QRCode', 'Radio', 'Rating', 'Rect', 'Refresh',
  'RelativeContainer', 'RichEditor', 'RichText', 'Row', 'RowSplit', 'Scroll', 'ScrollBar', 'Search', 'Select',
  'Shape', 'SideBarContainer', 'Slider', 'Span', 'Stack', 'Stepper', 'StepperItem', 'Swiper', 'SymbolGlyph',
  'SymbolSpan', 'TabContent', 'Tabs', 'Text', 'TextArea', 'TextClock', 'TextInput', 'TextPicker', 'TextTimer',
  'TimePicker', 'Toggle', 'Video', 'WaterFlow', 'FlowItem', 'Web', 'XComponent', 'ImageSpan', 'ContainerSpan',
];
// ForEach and LazyForEach are not component expressions: they parse as calls whose callbacks are UI
// contexts (`syntaxComponents.paramsUICallback`), as in current ets-loader versions.

// Components declared in test/types/ohos/arkui (attribute class `<Name>Attribute`, instance `<Name>Instance`).
const DECLARED = ['Blank', 'Button', 'Column', 'Divider', 'List', 'ListItem', 'Row', 'Scroll', 'Text', 'TextInput'];

/** The `ets` compiler option object, with `libs` the component declaration files. */
export function etsCompilerOptions(libs) {
  return {
    render: { method: ['build', 'pageTransition'], decorator: ['Builder', 'LocalBuilder'] },
    components: COMPONENTS,
    libs,
    extend: {
      decorator: ['Extend', 'AnimatableExtend'],
      components: DECLARED.map((name) => ({ name, type: `${name}Attribute`, instance: `${name}Instance` })),
    },
    styles: { decorator: 'Styles', component: { name: 'Common', type: 'T', instance: 'CommonInstance' }, property: 'stateStyles' },
    concurrent: { decorator: 'Concurrent' },
    customComponent: 'CustomComponent',
    propertyDecorators: [
      { name: 'Link', needInitialization: false }, { name: 'Prop', needInitialization: false },
      { name: 'ObjectLink', needInitialization: false }, { name: 'Consume', needInitialization: false },
    ],
    emitDecorators: [
      { name: 'Entry', emitParameters: true }, { name: 'Component', emitParameters: false },
      { name: 'State', emitParameters: false }, { name: 'Prop', emitParameters: false },
      { name: 'Link', emitParameters: false }, { name: 'Builder', emitParameters: false },
      { name: 'BuilderParam', emitParameters: false }, { name: 'Observed', emitParameters: false },
      { name: 'ObjectLink', emitParameters: false }, { name: 'Watch', emitParameters: true },
    ],
    syntaxComponents: { paramsUICallback: ['ForEach', 'LazyForEach'], attrUICallback: [] },
  };
}
