import { Icon, type IconProps } from "@/components/ui/icons";

/** Circular arrow: run the same thing again. A symbol in components/ui/icons.svg like the others. */
export function RerunIcon(props: IconProps) {
  return <Icon name="rerun" {...props} />;
}
