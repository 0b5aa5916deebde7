// A button that shows only an icon: named for screen readers by `label`, its tooltip the title (or the label).
import type { ComponentProps } from 'react';

interface IconButtonProps extends Omit<ComponentProps<'button'>, 'type' | 'aria-label'> {
  label: string;
}

export function IconButton({ label, title = label, className, children, ...rest }: IconButtonProps) {
  return (
    <button
      type="button"
      className={className === undefined ? 'icon-button' : `icon-button ${className}`}
      aria-label={label}
      title={title}
      {...rest}
    >
      {children}
    </button>
  );
}
