import { List } from 'antd-mobile';
import { type ReactNode, useId } from 'react';
import { Link } from 'react-router';

type ActionRowProps = {
  children: ReactNode;
  description?: ReactNode;
  /** The value the row shows on its right, read with its name by a screen reader. */
  extra?: ReactNode;
} & ({ to: string; onClick?: never } | { onClick: () => void; to?: never; opensPicker?: boolean });

/**
 * A list row the whole of which acts. antd-mobile renders a clickable `List.Item` as an `<a>` without
 * `href`, which a keyboard cannot reach and a screen reader does not call a link or a button. Here the
 * row's name is a real link (another page) or button (a picker, a step), stretched over the whole row, so
 * a tap anywhere on it, Tab and Enter, and a screen reader all reach the same control.
 */
export function ActionRow(props: ActionRowProps) {
  const valueId = useId();
  const describedBy = props.extra ? valueId : undefined;
  return (
    <List.Item
      className="action-row"
      description={props.description}
      extra={props.extra ? <span id={valueId}>{props.extra}</span> : undefined}
      arrowIcon
    >
      {props.to !== undefined ? (
        <Link to={props.to} className="stretched-control" aria-describedby={describedBy}>
          {props.children}
        </Link>
      ) : (
        <button
          type="button"
          className="stretched-control"
          aria-describedby={describedBy}
          aria-haspopup={props.opensPicker ? 'dialog' : undefined}
          onClick={props.onClick}
        >
          {props.children}
        </button>
      )}
    </List.Item>
  );
}
