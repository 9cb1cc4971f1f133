/** "Move over the WIP limit?": the server's refusal, with Move anyway (resends confirmed) or Keep it. */
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Text } from '@atlaskit/primitives';
import type { Moves } from './useMoves';

export function WipConfirmDialog({ moves }: { moves: Moves }) {
  const { confirmation } = moves;
  return (
    <ModalTransition>
      {confirmation !== null && (
        <Modal onClose={moves.cancel} testId="wip-confirm">
          <ModalHeader hasCloseButton>
            <ModalTitle appearance="warning">{`Move ${confirmation.card.key} over the WIP limit?`}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Text as="p">{confirmation.message}</Text>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={moves.cancel}>
              Keep it in {confirmation.card.state}
            </Button>
            <Button appearance="warning" onClick={moves.confirm} autoFocus>
              Move anyway
            </Button>
          </ModalFooter>
        </Modal>
      )}
    </ModalTransition>
  );
}
