import { Fragment } from 'react';
import { Token } from '../Words';

/** Shows a message from the backend, with its `backticked` parts as code. */
export const Message = ({ text }: { text: string }) => (
  <>
    {text
      .split(/`([^`]+)`/)
      .map((part, i) =>
        i % 2 ? (
          <Token key={i}>{part}</Token>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
  </>
);
