-- the \d commands of one catalog query each (CatalogLists): every command with no pattern and "abc.*", the
-- plain ones also with a name and "po*" (not \db+: tablespace sizes change between runs); run from a file only
create schema abc; create domain abc.posint as int check (value > 0); create domain public.d2 as text;
create function abc.f(int) returns int language sql as 'select 1'; create aggregate abc.mysum(int) (sfunc = int4pl, stype = int);
create operator abc.=== (leftarg = int, rightarg = int, function = int4eq); comment on schema abc is 'a schema';
create table abc.tp(a int) partition by range (a); create table abc.tp1 partition of abc.tp for values from (1) to (10);
create collation abc.c2 from "C"; grant select on abc.tp to public; alter role postgres set work_mem = '5MB';
\dA
\dA xyz
\dA abc.*
\dA po*
\dA+
\dA+ abc.*
\dAc
\dAc xyz
\dAc abc.*
\dAc po*
\dAc+
\dAc+ abc.*
\dAcS
\dAcS abc.*
\dAcS+
\dAcS+ abc.*
\dAf
\dAf xyz
\dAf abc.*
\dAf po*
\dAf+
\dAf+ abc.*
\dAfS
\dAfS abc.*
\dAfS+
\dAfS+ abc.*
\dAo
\dAo xyz
\dAo abc.*
\dAo po*
\dAo+
\dAo+ abc.*
\dAoS
\dAoS abc.*
\dAoS+
\dAoS+ abc.*
\dAp
\dAp xyz
\dAp abc.*
\dAp po*
\dAp+
\dAp+ abc.*
\dApS
\dApS abc.*
\dApS+
\dApS+ abc.*
\dC
\dC xyz
\dC abc.*
\dC po*
\dC+
\dC+ abc.*
\dCS
\dCS abc.*
\dCS+
\dCS+ abc.*
\dD
\dD xyz
\dD abc.*
\dD po*
\dD+
\dD+ abc.*
\dDS
\dDS abc.*
\dDS+
\dDS+ abc.*
\dF
\dF xyz
\dF abc.*
\dF po*
\dFd
\dFd xyz
\dFd abc.*
\dFd po*
\dFd+
\dFd+ abc.*
\dFdS
\dFdS abc.*
\dFdS+
\dFdS+ abc.*
\dFp
\dFp xyz
\dFp abc.*
\dFp po*
\dFpS
\dFpS abc.*
\dFt
\dFt xyz
\dFt abc.*
\dFt po*
\dFt+
\dFt+ abc.*
\dFtS
\dFtS abc.*
\dFtS+
\dFtS+ abc.*
\dL
\dL xyz
\dL abc.*
\dL po*
\dL+
\dL+ abc.*
\dLS
\dLS abc.*
\dLS+
\dLS+ abc.*
\dO
\dO xyz
\dO abc.*
\dO po*
\dO+
\dO+ abc.*
\dOS
\dOS abc.*
\dOS+
\dOS+ abc.*
\dP
\dP xyz
\dP abc.*
\dP po*
\dP+
\dP+ abc.*
\dPi
\dPi xyz
\dPi abc.*
\dPi po*
\dPi+
\dPi+ abc.*
\dPiS
\dPiS abc.*
\dPiS+
\dPiS+ abc.*
\dPn
\dPn xyz
\dPn abc.*
\dPn po*
\dPn+
\dPn+ abc.*
\dPnS
\dPnS abc.*
\dPnS+
\dPnS+ abc.*
\dPt
\dPt xyz
\dPt abc.*
\dPt po*
\dPt+
\dPt+ abc.*
\dPtS
\dPtS abc.*
\dPtS+
\dPtS+ abc.*
\dRp
\dRp xyz
\dRp abc.*
\dRp po*
\dRpS
\dRpS abc.*
\dRs
\dRs xyz
\dRs abc.*
\dRs po*
\dRs+
\dRs+ abc.*
\dRsS
\dRsS abc.*
\dRsS+
\dRsS+ abc.*
\dX
\dX xyz
\dX abc.*
\dX po*
\dX+
\dX+ abc.*
\dXS
\dXS abc.*
\dXS+
\dXS+ abc.*
\da
\da xyz
\da abc.*
\da po*
\da+
\da+ abc.*
\daS
\daS abc.*
\daS+
\daS+ abc.*
\db
\db xyz
\db abc.*
\db po*
\dbS
\dbS abc.*
\dc
\dc xyz
\dc abc.*
\dc po*
\dc+
\dc+ abc.*
\dcS
\dcS abc.*
\dcS+
\dcS+ abc.*
\dconfig xyz
\dconfig abc.*
\dconfig po*
\dconfig+ abc.*
\dconfigS xyz
\dconfigS abc.*
\dconfigS po*
\dconfigS+ abc.*
\dd
\dd xyz
\dd abc.*
\dd po*
\dd+
\dd+ abc.*
\ddS
\ddS abc.*
\ddS+
\ddS+ abc.*
\ddp
\ddp xyz
\ddp abc.*
\ddp po*
\ddp+
\ddp+ abc.*
\ddpS
\ddpS abc.*
\ddpS+
\ddpS+ abc.*
\des
\des xyz
\des abc.*
\des po*
\des+
\des+ abc.*
\desS
\desS abc.*
\desS+
\desS+ abc.*
\det
\det xyz
\det abc.*
\det po*
\det+
\det+ abc.*
\detS
\detS abc.*
\detS+
\detS+ abc.*
\deu
\deu xyz
\deu abc.*
\deu po*
\deu+
\deu+ abc.*
\deuS
\deuS abc.*
\deuS+
\deuS+ abc.*
\dew
\dew xyz
\dew abc.*
\dew po*
\dew+
\dew+ abc.*
\dewS
\dewS abc.*
\dewS+
\dewS+ abc.*
\dl
\dl xyz
\dl abc.*
\dl po*
\dl+
\dl+ abc.*
\dlS
\dlS abc.*
\dlS+
\dlS+ abc.*
\do
\do xyz
\do abc.*
\do po*
\do+
\do+ abc.*
\doS
\doS abc.*
\doS+
\doS+ abc.*
\dp
\dp xyz
\dp abc.*
\dp po*
\dp+
\dp+ abc.*
\dpS
\dpS abc.*
\dpS+
\dpS+ abc.*
\drds
\drds xyz
\drds abc.*
\drds po*
\drds+
\drds+ abc.*
\drdsS
\drdsS abc.*
\drdsS+
\drdsS+ abc.*
\dx
\dx xyz
\dx abc.*
\dx po*
\dxS
\dxS abc.*
\dy
\dy xyz
\dy abc.*
\dy po*
\dy+
\dy+ abc.*
\dyS
\dyS abc.*
\dyS+
\dyS+ abc.*
\z
\z xyz
\z abc.*
\z po*
alter role postgres reset all;
\dx+
\dx+ plp*
\dx+ xyz
\dx+ a.b
\dxS+
