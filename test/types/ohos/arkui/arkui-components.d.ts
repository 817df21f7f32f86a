// ArkUI declarative UI globals used by entry/ pages: decorators, custom components, the built-in
// components and their attribute methods, enums and resources. A script (global) file, as in the SDK,
// where they live in api/@internal/component/ets/*.d.ts (common.d.ts, units.d.ts, enums.d.ts,
// column.d.ts, row.d.ts, text.d.ts, button.d.ts, list.d.ts, list_item.d.ts, for_each.d.ts,
// divider.d.ts, blank.d.ts, scroll.d.ts, text_input.d.ts). The ArkTS gate loads this file through the
// `ets.libs` compiler option, the way DevEco's ets-loader loads the component declarations.
// Doc: https://developer.huawei.com/consumer/en/doc/harmonyos-references/arkui-declarative-comp
//      (one page per component: ts-container-column, ts-container-row, ts-basic-components-text,
//      ts-basic-components-button, ts-container-list, ts-container-listitem, ts-rendering-control-foreach,
//      ts-basic-components-divider, ts-basic-components-blank, ts-container-scroll,
//      ts-basic-components-textinput; attributes: ts-universal-attributes-size,
//      ts-universal-attributes-background, ts-universal-events-click; enums: ts-appendix-enums)

// --- units.d.ts / resource ---
declare interface Resource {
  readonly id: number;
  readonly type: number;
  readonly params?: any[];
  readonly bundleName: string;
  readonly moduleName: string;
}
declare type Length = string | number | Resource;
declare type ResourceStr = string | Resource;
declare type ResourceColor = Color | number | string | Resource;
declare interface Padding {
  top?: Length;
  right?: Length;
  bottom?: Length;
  left?: Length;
}
declare type Margin = Padding;
declare function $r(value: string, ...params: any[]): Resource;

// --- enums.d.ts ---
declare enum Color { White, Black, Blue, Brown, Gray, Green, Grey, Orange, Pink, Red, Yellow, Transparent }
declare enum FontWeight { Lighter, Normal, Regular, Medium, Bold, Bolder }
declare enum HorizontalAlign { Start, Center, End }
declare enum VerticalAlign { Top, Center, Bottom }
declare enum FlexAlign { Start, Center, End, SpaceBetween, SpaceAround, SpaceEvenly }
declare enum TextAlign { Center, Start, End, JUSTIFY }
declare enum ButtonType { Capsule, Circle, Normal }

// --- decorators (common.d.ts) ---
declare interface ComponentOptions {
  freezeWhenInactive: boolean;
}
declare interface EntryOptions {
  routeName?: string;
  useSharedStorage?: boolean;
}
declare const Component: ClassDecorator & ((options: ComponentOptions) => ClassDecorator);
declare const Entry: ClassDecorator & ((options?: EntryOptions) => ClassDecorator);
declare const Observed: ClassDecorator;
declare const State: PropertyDecorator;
declare const Prop: PropertyDecorator;
declare const Link: PropertyDecorator;
declare const ObjectLink: PropertyDecorator;
declare const Watch: (value: string) => PropertyDecorator;
declare const Builder: MethodDecorator;
declare const BuilderParam: PropertyDecorator;

// --- common.d.ts: events, attributes, custom components ---
declare interface ClickEvent {
  x: number;
  y: number;
  timestamp: number;
}

declare class CommonMethod<T> {
  width(value: Length): T;
  height(value: Length): T;
  padding(value: Padding | Length): T;
  margin(value: Margin | Length): T;
  backgroundColor(value: ResourceColor): T;
  borderRadius(value: Length): T;
  layoutWeight(value: number | string): T;
  opacity(value: number | Resource): T;
  enabled(value: boolean): T;
  onClick(event: (event: ClickEvent) => void): T;
}

declare class CommonAttribute extends CommonMethod<CommonAttribute> {}

declare const CommonInstance: CommonAttribute;

declare class CustomComponent extends CommonAttribute {
  build(): void;
  aboutToAppear?(): void;
  aboutToDisappear?(): void;
  onPageShow?(): void;
  onPageHide?(): void;
  onBackPress?(): void | boolean;
}

declare function getContext(component?: Object): import('@kit.AbilityKit').common.Context;

// --- column.d.ts / row.d.ts ---
declare interface ColumnOptions {
  space?: string | number;
}
interface ColumnInterface {
  (options?: ColumnOptions): ColumnAttribute;
}
declare class ColumnAttribute extends CommonMethod<ColumnAttribute> {
  alignItems(value: HorizontalAlign): ColumnAttribute;
  justifyContent(value: FlexAlign): ColumnAttribute;
}
declare const Column: ColumnInterface;
declare const ColumnInstance: ColumnAttribute;

declare interface RowOptions {
  space?: string | number;
}
interface RowInterface {
  (options?: RowOptions): RowAttribute;
}
declare class RowAttribute extends CommonMethod<RowAttribute> {
  alignItems(value: VerticalAlign): RowAttribute;
  justifyContent(value: FlexAlign): RowAttribute;
}
declare const Row: RowInterface;
declare const RowInstance: RowAttribute;

// --- text.d.ts ---
interface TextInterface {
  (content?: string | Resource): TextAttribute;
}
declare class TextAttribute extends CommonMethod<TextAttribute> {
  fontSize(value: number | string | Resource): TextAttribute;
  fontColor(value: ResourceColor): TextAttribute;
  fontWeight(value: number | FontWeight | string): TextAttribute;
  maxLines(value: number): TextAttribute;
  textAlign(value: TextAlign): TextAttribute;
}
declare const Text: TextInterface;
declare const TextInstance: TextAttribute;

// --- button.d.ts ---
declare interface ButtonOptions {
  type?: ButtonType;
  stateEffect?: boolean;
}
interface ButtonInterface {
  (): ButtonAttribute;
  (options: ButtonOptions): ButtonAttribute;
  (label: ResourceStr, options?: ButtonOptions): ButtonAttribute;
}
declare class ButtonAttribute extends CommonMethod<ButtonAttribute> {
  type(value: ButtonType): ButtonAttribute;
  fontSize(value: Length): ButtonAttribute;
  fontColor(value: ResourceColor): ButtonAttribute;
}
declare const Button: ButtonInterface;
declare const ButtonInstance: ButtonAttribute;

// --- list.d.ts / list_item.d.ts ---
declare class Scroller {
  constructor();
  scrollEdge(value: number): void;
}
declare interface ListDividerOptions {
  strokeWidth: Length;
  color?: ResourceColor;
  startMargin?: Length;
  endMargin?: Length;
}
declare interface ListOptions {
  initialIndex?: number;
  space?: number | string;
  scroller?: Scroller;
}
interface ListInterface {
  (options?: ListOptions): ListAttribute;
}
declare class ListAttribute extends CommonMethod<ListAttribute> {
  divider(value: ListDividerOptions | null): ListAttribute;
}
declare const List: ListInterface;
declare const ListInstance: ListAttribute;

interface ListItemInterface {
  (value?: string): ListItemAttribute;
}
declare class ListItemAttribute extends CommonMethod<ListItemAttribute> {}
declare const ListItem: ListItemInterface;
declare const ListItemInstance: ListItemAttribute;

// --- for_each.d.ts ---
interface ForEachInterface {
  (arr: Array<any>, itemGenerator: (item: any, index: number) => void,
    keyGenerator?: (item: any, index: number) => string): ForEachAttribute;
}
declare class ForEachAttribute extends DynamicNode<ForEachAttribute> {}
declare class DynamicNode<T> {}
declare const ForEach: ForEachInterface;

// --- divider.d.ts / blank.d.ts / scroll.d.ts ---
interface DividerInterface {
  (): DividerAttribute;
}
declare class DividerAttribute extends CommonMethod<DividerAttribute> {
  color(value: ResourceColor): DividerAttribute;
  strokeWidth(value: number | string): DividerAttribute;
}
declare const Divider: DividerInterface;
declare const DividerInstance: DividerAttribute;

interface BlankInterface {
  (min?: number | string): BlankAttribute;
}
declare class BlankAttribute extends CommonMethod<BlankAttribute> {}
declare const Blank: BlankInterface;
declare const BlankInstance: BlankAttribute;

interface ScrollInterface {
  (scroller?: Scroller): ScrollAttribute;
}
declare class ScrollAttribute extends CommonMethod<ScrollAttribute> {}
declare const Scroll: ScrollInterface;
declare const ScrollInstance: ScrollAttribute;

// --- text_input.d.ts ---
declare interface TextInputOptions {
  placeholder?: ResourceStr;
  text?: ResourceStr;
}
interface TextInputInterface {
  (value?: TextInputOptions): TextInputAttribute;
}
declare class TextInputAttribute extends CommonMethod<TextInputAttribute> {
  onChange(callback: (value: string) => void): TextInputAttribute;
}
declare const TextInput: TextInputInterface;
declare const TextInputInstance: TextInputAttribute;
