import { Link } from 'react-router';

/** Full-page notices (无权访问, 页面不存在) without any UI library: they load on every device. */
export function Notice({
  title,
  message,
  action,
}: {
  title: string;
  message: string;
  action?: { to: string; label: string };
}) {
  return (
    <main className="notice" aria-labelledby="notice-title">
      <h1 id="notice-title">{title}</h1>
      <p>{message}</p>
      {action ? (
        <Link className="notice-action" to={action.to}>
          {action.label}
        </Link>
      ) : null}
    </main>
  );
}

export const Loading = () => (
  <div className="loading" role="status">
    加载中…
  </div>
);
