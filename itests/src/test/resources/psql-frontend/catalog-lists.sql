-- the \d commands of one catalog query each (CatalogLists), without a pattern, with a name and with a dotted name
create schema abc; create domain abc.posint as int check (value > 0); create domain public.d2 as text;
create function abc.f(int) returns int language sql as 'select 1'; create aggregate abc.mysum(int) (sfunc = int4pl, stype = int);
create operator abc.=== (leftarg = int, rightarg = int, function = int4eq); comment on schema abc is 'a schema';
create table abc.tp(a int) partition by range (a); create table abc.tp1 partition of abc.tp for values from (1) to (10);
create collation abc.c2 from "C"; grant select on abc.tp to public; alter role postgres set work_mem = '5MB';
\dA
\dA xyz
\dA abc.*
\dA po*
\dA *
\dA+
\dA+ xyz
\dA+ abc.*
\dA+ po*
\dA+ *
\dAc
\dAc xyz
\dAc abc.*
\dAc po*
\dAc *
\dAc+
\dAc+ xyz
\dAc+ abc.*
\dAc+ po*
\dAc+ *
\dAcS
\dAcS xyz
\dAcS abc.*
\dAcS po*
\dAcS+
\dAcS+ xyz
\dAcS+ abc.*
\dAcS+ po*
\dAf
\dAf xyz
\dAf abc.*
\dAf po*
\dAf *
\dAf+
\dAf+ xyz
\dAf+ abc.*
\dAf+ po*
\dAf+ *
\dAfS
\dAfS xyz
\dAfS abc.*
\dAfS po*
\dAfS+
\dAfS+ xyz
\dAfS+ abc.*
\dAfS+ po*
\dAo
\dAo xyz
\dAo abc.*
\dAo po*
\dAo *
\dAo+
\dAo+ xyz
\dAo+ abc.*
\dAo+ po*
\dAo+ *
\dAoS
\dAoS xyz
\dAoS abc.*
\dAoS po*
\dAoS+
\dAoS+ xyz
\dAoS+ abc.*
\dAoS+ po*
\dAp
\dAp xyz
\dAp abc.*
\dAp po*
\dAp *
\dAp+
\dAp+ xyz
\dAp+ abc.*
\dAp+ po*
\dAp+ *
\dApS
\dApS xyz
\dApS abc.*
\dApS po*
\dApS+
\dApS+ xyz
\dApS+ abc.*
\dApS+ po*
\dC
\dC xyz
\dC abc.*
\dC po*
\dC *
\dC+
\dC+ xyz
\dC+ abc.*
\dC+ po*
\dC+ *
\dCS
\dCS xyz
\dCS abc.*
\dCS po*
\dCS+
\dCS+ xyz
\dCS+ abc.*
\dCS+ po*
\dD
\dD xyz
\dD abc.*
\dD po*
\dD *
\dD+
\dD+ xyz
\dD+ abc.*
\dD+ po*
\dD+ *
\dDS
\dDS xyz
\dDS abc.*
\dDS po*
\dDS+
\dDS+ xyz
\dDS+ abc.*
\dDS+ po*
\dF
\dF xyz
\dF abc.*
\dF po*
\dF *
\dFd
\dFd xyz
\dFd abc.*
\dFd po*
\dFd *
\dFd+
\dFd+ xyz
\dFd+ abc.*
\dFd+ po*
\dFd+ *
\dFdS
\dFdS xyz
\dFdS abc.*
\dFdS po*
\dFdS+
\dFdS+ xyz
\dFdS+ abc.*
\dFdS+ po*
\dFp
\dFp xyz
\dFp abc.*
\dFp po*
\dFp *
\dFpS
\dFpS xyz
\dFpS abc.*
\dFpS po*
\dFt
\dFt xyz
\dFt abc.*
\dFt po*
\dFt *
\dFt+
\dFt+ xyz
\dFt+ abc.*
\dFt+ po*
\dFt+ *
\dFtS
\dFtS xyz
\dFtS abc.*
\dFtS po*
\dFtS+
\dFtS+ xyz
\dFtS+ abc.*
\dFtS+ po*
\dL
\dL xyz
\dL abc.*
\dL po*
\dL *
\dL+
\dL+ xyz
\dL+ abc.*
\dL+ po*
\dL+ *
\dLS
\dLS xyz
\dLS abc.*
\dLS po*
\dLS+
\dLS+ xyz
\dLS+ abc.*
\dLS+ po*
\dO
\dO xyz
\dO abc.*
\dO po*
\dO *
\dO+
\dO+ xyz
\dO+ abc.*
\dO+ po*
\dO+ *
\dOS
\dOS xyz
\dOS abc.*
\dOS po*
\dOS+
\dOS+ xyz
\dOS+ abc.*
\dOS+ po*
\dP
\dP xyz
\dP abc.*
\dP po*
\dP *
\dP+
\dP+ xyz
\dP+ abc.*
\dP+ po*
\dP+ *
\dPi
\dPi xyz
\dPi abc.*
\dPi po*
\dPi *
\dPi+
\dPi+ xyz
\dPi+ abc.*
\dPi+ po*
\dPi+ *
\dPiS
\dPiS xyz
\dPiS abc.*
\dPiS po*
\dPiS+
\dPiS+ xyz
\dPiS+ abc.*
\dPiS+ po*
\dPn
\dPn xyz
\dPn abc.*
\dPn po*
\dPn *
\dPn+
\dPn+ xyz
\dPn+ abc.*
\dPn+ po*
\dPn+ *
\dPnS
\dPnS xyz
\dPnS abc.*
\dPnS po*
\dPnS+
\dPnS+ xyz
\dPnS+ abc.*
\dPnS+ po*
\dPt
\dPt xyz
\dPt abc.*
\dPt po*
\dPt *
\dPt+
\dPt+ xyz
\dPt+ abc.*
\dPt+ po*
\dPt+ *
\dPtS
\dPtS xyz
\dPtS abc.*
\dPtS po*
\dPtS+
\dPtS+ xyz
\dPtS+ abc.*
\dPtS+ po*
\dRp
\dRp xyz
\dRp abc.*
\dRp po*
\dRp *
\dRpS
\dRpS xyz
\dRpS abc.*
\dRpS po*
\dRs
\dRs xyz
\dRs abc.*
\dRs po*
\dRs *
\dRs+
\dRs+ xyz
\dRs+ abc.*
\dRs+ po*
\dRs+ *
\dRsS
\dRsS xyz
\dRsS abc.*
\dRsS po*
\dRsS+
\dRsS+ xyz
\dRsS+ abc.*
\dRsS+ po*
\dX
\dX xyz
\dX abc.*
\dX po*
\dX *
\dX+
\dX+ xyz
\dX+ abc.*
\dX+ po*
\dX+ *
\dXS
\dXS xyz
\dXS abc.*
\dXS po*
\dXS+
\dXS+ xyz
\dXS+ abc.*
\dXS+ po*
\da
\da xyz
\da abc.*
\da po*
\da *
\da+
\da+ xyz
\da+ abc.*
\da+ po*
\da+ *
\daS
\daS xyz
\daS abc.*
\daS po*
\daS+
\daS+ xyz
\daS+ abc.*
\daS+ po*
\db
\db xyz
\db abc.*
\db po*
\db *
\db+
\db+ xyz
\db+ abc.*
\db+ po*
\db+ *
\dbS
\dbS xyz
\dbS abc.*
\dbS po*
\dbS+
\dbS+ xyz
\dbS+ abc.*
\dbS+ po*
\dc
\dc xyz
\dc abc.*
\dc po*
\dc *
\dc+
\dc+ xyz
\dc+ abc.*
\dc+ po*
\dc+ *
\dcS
\dcS xyz
\dcS abc.*
\dcS po*
\dcS+
\dcS+ xyz
\dcS+ abc.*
\dcS+ po*
\dconfig xyz
\dconfig abc.*
\dconfig po*
\dconfig *
\dconfig+ xyz
\dconfig+ abc.*
\dconfig+ po*
\dconfig+ *
\dconfigS xyz
\dconfigS abc.*
\dconfigS po*
\dconfigS+ xyz
\dconfigS+ abc.*
\dconfigS+ po*
\dd
\dd xyz
\dd abc.*
\dd po*
\dd *
\dd+
\dd+ xyz
\dd+ abc.*
\dd+ po*
\dd+ *
\ddS
\ddS xyz
\ddS abc.*
\ddS po*
\ddS+
\ddS+ xyz
\ddS+ abc.*
\ddS+ po*
\ddp
\ddp xyz
\ddp abc.*
\ddp po*
\ddp *
\ddp+
\ddp+ xyz
\ddp+ abc.*
\ddp+ po*
\ddp+ *
\ddpS
\ddpS xyz
\ddpS abc.*
\ddpS po*
\ddpS+
\ddpS+ xyz
\ddpS+ abc.*
\ddpS+ po*
\des
\des xyz
\des abc.*
\des po*
\des *
\des+
\des+ xyz
\des+ abc.*
\des+ po*
\des+ *
\desS
\desS xyz
\desS abc.*
\desS po*
\desS+
\desS+ xyz
\desS+ abc.*
\desS+ po*
\det
\det xyz
\det abc.*
\det po*
\det *
\det+
\det+ xyz
\det+ abc.*
\det+ po*
\det+ *
\detS
\detS xyz
\detS abc.*
\detS po*
\detS+
\detS+ xyz
\detS+ abc.*
\detS+ po*
\deu
\deu xyz
\deu abc.*
\deu po*
\deu *
\deu+
\deu+ xyz
\deu+ abc.*
\deu+ po*
\deu+ *
\deuS
\deuS xyz
\deuS abc.*
\deuS po*
\deuS+
\deuS+ xyz
\deuS+ abc.*
\deuS+ po*
\dew
\dew xyz
\dew abc.*
\dew po*
\dew *
\dew+
\dew+ xyz
\dew+ abc.*
\dew+ po*
\dew+ *
\dewS
\dewS xyz
\dewS abc.*
\dewS po*
\dewS+
\dewS+ xyz
\dewS+ abc.*
\dewS+ po*
\dl
\dl xyz
\dl abc.*
\dl po*
\dl *
\dl+
\dl+ xyz
\dl+ abc.*
\dl+ po*
\dl+ *
\dlS
\dlS xyz
\dlS abc.*
\dlS po*
\dlS+
\dlS+ xyz
\dlS+ abc.*
\dlS+ po*
\do
\do xyz
\do abc.*
\do po*
\do *
\do+
\do+ xyz
\do+ abc.*
\do+ po*
\do+ *
\doS
\doS xyz
\doS abc.*
\doS po*
\doS+
\doS+ xyz
\doS+ abc.*
\doS+ po*
\dp
\dp xyz
\dp abc.*
\dp po*
\dp *
\dp+
\dp+ xyz
\dp+ abc.*
\dp+ po*
\dp+ *
\dpS
\dpS xyz
\dpS abc.*
\dpS po*
\dpS+
\dpS+ xyz
\dpS+ abc.*
\dpS+ po*
\drds
\drds xyz
\drds abc.*
\drds po*
\drds *
\drds+
\drds+ xyz
\drds+ abc.*
\drds+ po*
\drds+ *
\drdsS
\drdsS xyz
\drdsS abc.*
\drdsS po*
\drdsS+
\drdsS+ xyz
\drdsS+ abc.*
\drdsS+ po*
\dx
\dx xyz
\dx abc.*
\dx po*
\dx *
\dxS
\dxS xyz
\dxS abc.*
\dxS po*
\dy
\dy xyz
\dy abc.*
\dy po*
\dy *
\dy+
\dy+ xyz
\dy+ abc.*
\dy+ po*
\dy+ *
\dyS
\dyS xyz
\dyS abc.*
\dyS po*
\dyS+
\dyS+ xyz
\dyS+ abc.*
\dyS+ po*
\z
\z xyz
\z abc.*
\z po*
\z *
alter role postgres reset all;
