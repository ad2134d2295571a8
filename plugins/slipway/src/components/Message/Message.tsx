import { Fragment } from 'react';

/** Shows a message from the backend, with its `backticked` parts as code. */
export const Message = ({ text }: { text: string }) => (
  <>
    {text
      .split(/`([^`]+)`/)
      .map((part, i) =>
        i % 2 ? (
          <code key={i}>{part}</code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
  </>
);
